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
        var volume = SphereBesideVessel.Create();
        var candidates = new CandidateGenerator().Generate(volume, SphereBesideVessel.AllLung(volume));
        var sphereCenter = volume.VoxelToWorld(SphereBesideVessel.Sphere.X, SphereBesideVessel.Sphere.Y, SphereBesideVessel.Sphere.Z);
        var sphere = candidates.MinBy(c => (c.Center - sphereCenter).Length)!;
        Assert.True((sphere.Center - sphereCenter).Length < 1.5, $"nearest candidate {sphere.Center}");
        Assert.InRange(sphere.RadiusMm, 2.0, 4.5);
        Assert.DoesNotContain(candidates, c => Math.Abs(c.Center.Y - sphereCenter.Y) > 10);
    }
}
