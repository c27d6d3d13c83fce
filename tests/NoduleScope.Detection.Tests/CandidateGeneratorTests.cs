using NoduleScope.Detection.Candidates;
using NoduleScope.Detection.Lungs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;
using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.Detection.Tests;

public sealed class CandidateGeneratorTests
{
    [Fact]
    public void EveryPhantomNoduleIsAStrongCandidate()
    {
        var volume = SyntheticChestPhantom.Create(200, 120, 1.5, 1);
        var lungs = new LungSegmenter().Segment(volume);
        var candidates = new CandidateGenerator().Generate(volume, lungs);
        Assert.InRange(candidates.Count, 1, 300);
        foreach (var nodule in SyntheticChestPhantom.Nodules(200, 120, 1.5, 1))
        {
            int rank = -1;
            for (int i = 0; i < candidates.Count; i++)
            {
                if ((candidates[i].Center - nodule.Center).Length < Math.Max(2, nodule.DiameterMm / 4))
                {
                    rank = i;
                    break;
                }
            }

            Assert.True(rank is >= 0 and < 20, $"{nodule.DiameterMm} mm nodule at {nodule.Center}: rank {rank}");
            Assert.InRange(candidates[rank].RadiusMm, nodule.DiameterMm / 2 * 0.6, nodule.DiameterMm / 2 * 1.5);
        }
    }

    [Fact]
    public void ASmallSphereBesideAVesselIsFoundWithItsSize()
    {
        // Lung-density box with a solid 6 mm sphere and a 6 mm wide cylinder (vessel) running along z. The blob filter
        // alone also answers on the vessel; telling the two apart is the job of the false-positive reduction stage.
        var volume = CtVolume.CreateAxial(80, 60, 80, new Vector3D(1, 1, 1), new Vector3D(-40, -30, -40));
        Array.Fill(volume.Voxels, (short)-850);
        for (int z = 0; z < 80; z++)
        {
            for (int y = 0; y < 60; y++)
            {
                for (int x = 0; x < 80; x++)
                {
                    bool inSphere = ((x - 20) * (x - 20)) + ((y - 30) * (y - 30)) + ((z - 40) * (z - 40)) <= 9;
                    bool vessel = ((x - 60) * (x - 60)) + ((y - 30) * (y - 30)) <= 9;
                    if (inSphere || vessel)
                    {
                        volume[x, y, z] = 40;
                    }
                }
            }
        }

        var grid = ImageGrid.Of(volume);
        var labels = new MaskVolume(grid);
        Array.Fill(labels.Data, LungSegmentation.RightLung);
        var candidates = new CandidateGenerator().Generate(volume, new LungSegmentation(labels, [], false));
        var sphereCenter = volume.VoxelToWorld(20, 30, 40);
        var sphere = candidates.MinBy(c => (c.Center - sphereCenter).Length)!;
        Assert.True((sphere.Center - sphereCenter).Length < 1.5, $"nearest candidate {sphere.Center}");
        Assert.InRange(sphere.RadiusMm, 2.0, 4.5);
        Assert.DoesNotContain(candidates, c => Math.Abs(c.Center.Y - sphereCenter.Y) > 10);
    }
}
