using NoduleScope.Imaging;
using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.TestSupport;

/// <summary>
/// A prior and a current exam for comparison tests: the synthetic chest phantom, and the same phantom with its 8 mm
/// nodule grown to 12 mm. The first and last 8 slices are capped with soft tissue (an apex and a diaphragm) so the
/// lungs end inside the image as in a chest CT.
/// </summary>
public static class GrowingNodulePhantoms
{
    public const int Seed = 17;

    public static (CtVolume Prior, CtVolume Current, Vector3D Grown) Create(int size, int slices, double spacing)
    {
        var prior = CapLungs(SyntheticChestPhantom.Create(size, slices, spacing, Seed));
        var grown = SyntheticChestPhantom.Nodules(size, slices, spacing, Seed)[1];
        var current = CapLungs(SyntheticChestPhantom.Create(size, slices, spacing, Seed));
        var c = current.WorldToVoxel(grown.Center);
        int r = (int)Math.Ceiling(6 / spacing) + 1;
        for (int z = (int)c.Z - r; z <= (int)c.Z + r; z++)
        {
            for (int y = (int)c.Y - r; y <= (int)c.Y + r; y++)
            {
                for (int x = (int)c.X - r; x <= (int)c.X + r; x++)
                {
                    if (current.Contains(x, y, z) && (current.VoxelToWorld(x, y, z) - grown.Center).Length <= 6)
                    {
                        current[x, y, z] = SyntheticChestPhantom.SolidNoduleHu;
                    }
                }
            }
        }

        return (prior, current, grown.Center);
    }

    /// <summary>
    /// Fills the lungs of the first and last <paramref name="cap"/> slices with soft tissue, like an apex and a
    /// diaphragm: the phantom's lungs otherwise run through every slice, which leaves the position along z undetermined.
    /// Air enclosed by tissue along a row is lung; the air around the body is left.
    /// </summary>
    public static CtVolume CapLungs(CtVolume volume, int cap = 8)
    {
        for (int z = 0; z < volume.SizeZ; z++)
        {
            if (z >= cap && z < volume.SizeZ - cap)
            {
                continue;
            }

            for (int y = 0; y < volume.SizeY; y++)
            {
                int first = -1, last = -1;
                for (int x = 0; x < volume.SizeX; x++)
                {
                    if (volume[x, y, z] > -500)
                    {
                        first = first < 0 ? x : first;
                        last = x;
                    }
                }

                for (int x = first + 1; x < last; x++)
                {
                    if (volume[x, y, z] < -500)
                    {
                        volume[x, y, z] = SyntheticChestPhantom.SoftTissueHu;
                    }
                }
            }
        }

        return volume;
    }
}
