using NoduleScope.Detection.Lungs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Tests;

/// <summary>A lung-density box (80 × 60 × 80 mm, 1 mm voxels) with a solid 6 mm sphere at voxel (20, 30, 40) and a
/// 6 mm wide vessel along z through (60, 30), all of it lung.</summary>
internal static class SphereBesideVessel
{
    public static (int X, int Y, int Z) Sphere => (20, 30, 40);

    public static (int X, int Y) Vessel => (60, 30);

    public static CtVolume Create()
    {
        var volume = CtVolume.CreateAxial(80, 60, 80, new Vector3D(1, 1, 1), new Vector3D(-40, -30, -40));
        Array.Fill(volume.Voxels, (short)-850);
        for (int z = 0; z < 80; z++)
        {
            for (int y = 0; y < 60; y++)
            {
                for (int x = 0; x < 80; x++)
                {
                    bool inSphere = ((x - Sphere.X) * (x - Sphere.X)) + ((y - Sphere.Y) * (y - Sphere.Y)) + ((z - Sphere.Z) * (z - Sphere.Z)) <= 9;
                    bool inVessel = ((x - Vessel.X) * (x - Vessel.X)) + ((y - Vessel.Y) * (y - Vessel.Y)) <= 9;
                    if (inSphere || inVessel)
                    {
                        volume[x, y, z] = 40;
                    }
                }
            }
        }

        return volume;
    }

    /// <summary>The whole box as the right lung.</summary>
    public static LungSegmentation AllLung(CtVolume volume)
    {
        var labels = new MaskVolume(ImageGrid.Of(volume));
        Array.Fill(labels.Data, LungSegmentation.RightLung);
        return new LungSegmentation(labels, [], false);
    }
}
