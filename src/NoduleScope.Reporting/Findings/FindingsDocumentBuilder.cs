using NoduleScope.Detection;
using NoduleScope.Detection.Lungs;
using NoduleScope.Imaging;

namespace NoduleScope.Reporting.Findings;

/// <summary>Turns a detection result into the findings.json document, rounding to the precision clinicians use
/// (0.1 mm, whole mm³, whole HU).</summary>
public static class FindingsDocumentBuilder
{
    public static FindingsDocument Build(CtVolume volume, DetectionResult result, double threshold, string inputPath, string version)
    {
        var findings = new List<FindingsNodule>(result.Findings.Count);
        foreach (var f in result.Findings)
        {
            var m = f.Measurement;
            findings.Add(new FindingsNodule
            {
                Id = f.Id,
                Probability = Math.Round(f.Probability, 4),
                CenterWorld = Round(f.Center, 2),
                CenterVoxel = Round(volume.WorldToVoxel(f.Center), 2),
                Lung = f.Lung switch { LungSegmentation.RightLung => "right", LungSegmentation.LeftLung => "left", _ => "unknown" },
                BoundsMinWorld = Round(m.BoundsMin, 2),
                BoundsMaxWorld = Round(m.BoundsMax, 2),
                LongAxisMm = Math.Round(m.LongAxisMm, 1),
                ShortAxisMm = Math.Round(m.ShortAxisMm, 1),
                MeanDiameterMm = Math.Round(m.MeanDiameterMm, 1),
                VolumeMm3 = Math.Round(m.VolumeMm3),
                MeanHu = Math.Round(m.MeanHu),
                MaxHu = Math.Round(m.MaxHu),
                SolidVolumeMm3 = Math.Round(m.SolidVolumeMm3),
                SolidMeanDiameterMm = Math.Round(m.SolidMeanDiameterMm, 1),
            });
        }

        var stages = new List<FindingsStage>();
        foreach (var t in result.Timings)
        {
            stages.Add(new FindingsStage(t.Stage, Math.Round(t.Seconds, 3)));
        }

        return new FindingsDocument
        {
            Software = new FindingsSoftware("NoduleScope", version, result.ScorerName, result.ScorerHash),
            Input = new FindingsInput
            {
                Path = inputPath,
                StudyInstanceUid = volume.Source.StudyInstanceUid,
                SeriesInstanceUid = volume.Source.SeriesInstanceUid,
                FrameOfReferenceUid = volume.Source.FrameOfReferenceUid,
                Size = [volume.SizeX, volume.SizeY, volume.SizeZ],
                Spacing = Round(volume.Spacing, 4),
                Origin = Round(volume.Origin, 4),
                Direction = [.. Round(volume.DirectionX, 6), .. Round(volume.DirectionY, 6), .. Round(volume.DirectionZ, 6)],
            },
            Stages = stages,
            Warnings = result.Warnings,
            Threshold = threshold,
            Lungs = new FindingsLungs(Math.Round(result.Lungs.RightVolumeMl), Math.Round(result.Lungs.LeftVolumeMl), result.Lungs.AirwayRemoved),
            CandidateCount = result.Candidates.Count,
            Findings = findings,
        };
    }

    private static double[] Round(Vector3D v, int digits) => [Math.Round(v.X, digits), Math.Round(v.Y, digits), Math.Round(v.Z, digits)];
}
