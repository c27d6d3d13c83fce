using NoduleScope.Reporting.Evaluation;
using NoduleScope.TestSupport;

namespace NoduleScope.Reporting.Tests.Evaluation;

/// <summary>The official LUNA16 reference lists in ../shared/data/luna16 (skipped when absent).</summary>
public sealed class Luna16ReferenceFileTests
{
    [Fact]
    public void ParsesTheOfficialFiles()
    {
        var annotations = LunaCsvReader.ReadAnnotations(SharedData.Require("data/luna16/annotations.csv"));
        var excluded = LunaCsvReader.ReadExcludedAnnotations(SharedData.Require("data/luna16/annotations_excluded.csv"));
        var scans = LunaCsvReader.ReadSeriesUids(SharedData.Require("data/luna16/seriesuids.csv"));

        Assert.Equal(1186, annotations.Count);
        Assert.Equal(888, scans.Count);
        Assert.True(excluded.Count > 1000, $"{excluded.Count} excluded findings");
        Assert.Contains(excluded, finding => finding.DiameterMm < 0);
        var listed = new HashSet<string>(scans, StringComparer.Ordinal);
        Assert.All(annotations, a => Assert.Contains(a.SeriesUid, listed));
        Assert.All(annotations, a => Assert.True(a.DiameterMm >= 3, $"{a.SeriesUid}: {a.DiameterMm} mm"));
    }

    [Fact]
    public void AnnotationsAsPredictionsGiveSensitivityOneWithoutFalsePositives()
    {
        var annotations = LunaCsvReader.ReadAnnotations(SharedData.Require("data/luna16/annotations.csv"));
        var excluded = LunaCsvReader.ReadExcludedAnnotations(SharedData.Require("data/luna16/annotations_excluded.csv"));
        var scans = LunaCsvReader.ReadSeriesUids(SharedData.Require("data/luna16/seriesuids.csv"));
        var predictions = new List<CandidatePrediction>(annotations.Count);
        foreach (var a in annotations)
        {
            predictions.Add(new CandidatePrediction(a.SeriesUid, a.X, a.Y, a.Z, 1.0));
        }

        var evaluation = new FrocEvaluator(new FrocEvaluationOptions { BootstrapSamples = 100 }).Evaluate(annotations, excluded, predictions, scans);

        Assert.Equal(888, evaluation.Counts.Scans);
        Assert.Equal(1186, evaluation.Counts.Nodules);
        Assert.Equal(1186, evaluation.Counts.DetectedNodules);
        Assert.Equal(0, evaluation.Counts.FalsePositives);
        Assert.Equal(1.0, evaluation.Cpm);
        Assert.Equal(new ConfidenceInterval(1, 1), evaluation.CpmInterval);
        Assert.All(evaluation.SizeBuckets, b => Assert.Equal(1.0, b.Sensitivity));
    }
}
