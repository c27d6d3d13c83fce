using NoduleScope.Clinical.Comparison;
using NoduleScope.Detection;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Registration;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.TestSupport;

namespace NoduleScope.Clinical.Tests.Comparison;

/// <summary>
/// A prior phantom and a current one a year later: the same chest seen through a known rigid transform, where the 8 mm
/// solid nodule has grown to 13 mm, the 6 mm one has gone, a new 7 mm one has appeared, and the 12 mm solid and 10 mm
/// ground-glass nodules are unchanged. Findings are segmented at the known centres (no detector involved).
/// </summary>
internal sealed class ComparisonScenario
{
    public const double GrownDiameterMm = 13;
    public const double NewDiameterMm = 7;
    public const int IntervalDays = 365;

    private const int Size = 160;
    private const int Slices = 90;
    private const double Spacing = 1.5;

    public static Lazy<ComparisonScenario> Shared { get; } = new(() => new ComparisonScenario());

    private ComparisonScenario()
    {
        var prior = GrowingNodulePhantoms.CapLungs(SyntheticChestPhantom.Create(Size, Slices, Spacing, seed: 21), cap: 10);
        PriorNodules = SyntheticChestPhantom.Nodules(Size, Slices, Spacing, seed: 21);
        CurrentToPrior = AffineTransform.Rigid(new Vector3D(1.5, -1, 2) * (Math.PI / 180), new Vector3D(4, -5, 3), Vector3D.Zero);
        var current = TransformResampler.Resample(prior, prior.Grid, CurrentToPrior, -1000);
        var toCurrent = CurrentToPrior.Inverse();
        GrownCentre = toCurrent.Apply(PriorNodules[1].Center);
        RemovedCentre = toCurrent.Apply(PriorNodules[0].Center);
        NewCentre = toCurrent.Apply(PriorNodules[2].Center) + new Vector3D(0, 0, 25);
        Paint(current, GrownCentre, GrownDiameterMm / 2, SyntheticChestPhantom.SolidNoduleHu);
        Paint(current, RemovedCentre, 4.5, SyntheticChestPhantom.LungHu);
        Paint(current, NewCentre, NewDiameterMm / 2, SyntheticChestPhantom.SolidNoduleHu);

        var priorDate = new DateOnly(2025, 3, 1);
        Prior = Exam(prior, PriorNodules.Select(n => n.Center).ToList(), priorDate);
        Current = Exam(current, [GrownCentre, toCurrent.Apply(PriorNodules[2].Center), toCurrent.Apply(PriorNodules[3].Center), NewCentre], priorDate.AddDays(IntervalDays));
    }

    /// <summary>6 mm solid (id 1), 8 mm solid (id 2), 12 mm solid (id 3), 10 mm ground glass (id 4).</summary>
    public IReadOnlyList<SyntheticNodule> PriorNodules { get; }

    public AffineTransform CurrentToPrior { get; }

    public Vector3D GrownCentre { get; }

    public Vector3D RemovedCentre { get; }

    public Vector3D NewCentre { get; }

    public ComparisonExam Prior { get; }

    /// <summary>Findings: grown (id 1), the 12 mm (id 2), the ground glass (id 3), new (id 4).</summary>
    public ComparisonExam Current { get; }

    private static ComparisonExam Exam(CtVolume volume, IReadOnlyList<Vector3D> centres, DateOnly date)
    {
        var lungs = new LungSegmenter().Segment(volume);
        var segmenter = new NoduleSegmenter();
        var findings = new List<DetectedNodule>();
        foreach (var c in centres)
        {
            var s = segmenter.SegmentAt(volume, c) ?? throw new InvalidOperationException($"no nodule at {c}");
            findings.Add(new DetectedNodule(findings.Count + 1, s.Measurement.Centroid, 0.9, s.Measurement, lungs.LungAt(c), s));
        }

        return new ComparisonExam(volume, new DetectionResult(lungs, [], findings, [], [], "test", "test"), date);
    }

    /// <summary>Sets every voxel whose centre lies within the sphere to <paramref name="hu"/> (with the phantom's
    /// lung noise when painting lung).</summary>
    private static void Paint(CtVolume volume, Vector3D centre, double radiusMm, short hu)
    {
        var random = new Random(5);
        var c = volume.WorldToVoxel(centre);
        int r = (int)Math.Ceiling(radiusMm / Spacing) + 1;
        for (int z = (int)c.Z - r; z <= (int)c.Z + r; z++)
        {
            for (int y = (int)c.Y - r; y <= (int)c.Y + r; y++)
            {
                for (int x = (int)c.X - r; x <= (int)c.X + r; x++)
                {
                    if (volume.Contains(x, y, z) && (volume.VoxelToWorld(x, y, z) - centre).Length <= radiusMm)
                    {
                        volume[x, y, z] = (short)(hu + (hu == SyntheticChestPhantom.LungHu ? random.Next(-40, 41) : random.Next(-10, 11)));
                    }
                }
            }
        }
    }
}
