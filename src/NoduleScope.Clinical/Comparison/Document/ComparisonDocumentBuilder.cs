using System.Text.Json;
using NoduleScope.Imaging;

namespace NoduleScope.Clinical.Comparison.Document;

/// <summary>Turns a comparison result into comparison.json, rounding as findings.json does (0.1 mm, whole mm³).</summary>
public static class ComparisonDocumentBuilder
{
    public static ComparisonDocument Build(ComparisonResult result, ComparisonExam prior, ComparisonExam current, ComparisonSources sources, string version)
    {
        ArgumentNullException.ThrowIfNull(result);
        var registration = result.Registration;
        var t = registration.CurrentToPrior;
        var followUp = result.CurrentAssessment;
        return new ComparisonDocument
        {
            Software = new ComparisonDocumentSoftware("NoduleScope", version),
            Prior = Exam(prior, sources.PriorPath, sources.PriorFindingsPath),
            Current = Exam(current, sources.CurrentPath, sources.CurrentFindingsPath),
            IntervalDays = result.IntervalDays,
            Registration = new ComparisonDocumentRegistration
            {
                CurrentToPriorMatrix = [.. t.Matrix.ToRowMajor().Select(v => Math.Round(v, 6))],
                CurrentToPriorTranslation = Round(t.Translation, 3),
                RotationDegrees = Math.Round(t.Matrix.RotationAngleDegrees, 2),
                Determinant = Math.Round(t.Matrix.Determinant, 4),
                LungDiceBefore = Math.Round(registration.LungDiceBefore, 4),
                LungDiceAfter = Math.Round(registration.LungDiceAfter, 4),
                Seconds = Math.Round(registration.Seconds, 3),
                Stages = [.. registration.Stages.Select(s => new ComparisonDocumentRegistrationStage(
                    s.Name, Camel(s.Model.ToString()), s.SpacingMm, Math.Round(s.InitialCost, 4), Math.Round(s.FinalCost, 4), s.Iterations, s.Samples, Math.Round(s.Seconds, 3)))],
            },
            Summary = new ComparisonDocumentSummary
            {
                Paired = result.Pairs.Count(p => p.Prior is not null && p.Current is not null),
                Growing = result.Count(PairStatus.Growing),
                SlowGrowing = result.Count(PairStatus.SlowGrowing),
                Stable = result.Count(PairStatus.Stable),
                Shrinking = result.Count(PairStatus.Shrinking),
                New = result.Count(PairStatus.New),
                Resolved = result.Count(PairStatus.Resolved),
                LungRadsCategory = followUp.LungRads.CategoryLabel,
                LungRadsManagement = followUp.LungRads.Management,
                LungRadsReason = followUp.LungRads.Reason,
                FleischnerNextStep = result.ExamFleischnerStep?.NextStep,
                FleischnerReason = result.ExamFleischnerStep?.Reason,
            },
            Pairs = [.. result.Pairs.Select(Pair)],
            Stages = [.. result.Timings.Select(s => new ComparisonDocumentStage(s.Stage, Math.Round(s.Seconds, 3)))],
            Warnings = result.Warnings,
        };
    }

    private static ComparisonDocumentExam Exam(ComparisonExam exam, string path, string? findingsPath) => new()
    {
        Path = path,
        StudyInstanceUid = exam.Volume.Source.StudyInstanceUid,
        SeriesInstanceUid = exam.Volume.Source.SeriesInstanceUid,
        StudyDate = exam.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        FindingsSource = findingsPath ?? "detection",
        FindingCount = exam.Detection.Findings.Count,
    };

    private static ComparisonDocumentPair Pair(NodulePair pair) => new()
    {
        Index = pair.Index,
        Status = Camel(pair.Status.ToString()),
        Match = new ComparisonDocumentMatch
        {
            Method = Camel(pair.Match.Method.ToString()),
            DistanceMm = pair.Match.DistanceMm is { } d ? Math.Round(d, 1) : null,
            Confidence = Math.Round(pair.Match.Confidence, 3),
            LocalShiftMm = pair.Match.Local is { } l ? Round(l.ShiftMm, 1) : null,
            LocalCorrelation = pair.Match.Local is { } lc ? Math.Round(lc.Correlation, 3) : null,
            LocalCorrelationAtZero = pair.Match.Local is { } lz ? Math.Round(lz.CorrelationAtZero, 3) : null,
        },
        Prior = pair.Prior is null ? null : Nodule(pair.Prior),
        Current = pair.Current is null ? null : Nodule(pair.Current),
        Change = pair.Change is not { } c ? null : new ComparisonDocumentChange
        {
            MeanDiameterChangeMm = c.MeanDiameterChangeMm,
            PriorVolumeMm3 = Math.Round(c.Volumes.PriorMm3),
            CurrentVolumeMm3 = Math.Round(c.Volumes.CurrentMm3),
            VolumeMethod = c.Volumes.Method,
            VolumeChangeMm3 = Math.Round(c.VolumeChangeMm3),
            VolumeChangePercent = Math.Round(c.VolumeChangePercent, 1),
            VolumeDoublingTimeDays = c.DoublingTime.DoublingTimeDays,
            BtsReading = Camel(c.DoublingTime.Reading.ToString()),
            VolumeInterpretation = c.DoublingTime.Interpretation,
            GrowthCall = Camel(c.Call.ToString()),
            GrowthReason = c.CallReason,
            DiameterGrowthCall = Camel(c.Growth.Call.ToString()),
            VolumeGrowthCall = Camel(c.VolumeGrowth.Call.ToString()),
            BeyondNoise = Camel(c.BeyondNoise.ToString()),
            Notes = c.Notes,
        },
        LungRads = pair.LungRads is not { } r ? null : new ComparisonDocumentLungRads(r.CategoryLabel, Camel(r.Trajectory.ToString()), r.Reason, r.Management),
        Fleischner = new ComparisonDocumentFleischner(pair.Fleischner.Applicable, pair.Fleischner.NextStep, pair.Fleischner.Reason),
    };

    private static ComparisonDocumentNodule Nodule(ComparedNodule n)
    {
        var m = n.Measurement;
        return new ComparisonDocumentNodule
        {
            FindingId = n.FindingId,
            Source = Camel(n.Source.ToString()),
            CenterWorld = Round(n.Center, 2),
            CenterInCurrentWorld = Round(n.CenterInCurrent, 2),
            LongAxisMm = Math.Round(m.LongAxisMm, 1),
            ShortAxisMm = Math.Round(m.ShortAxisMm, 1),
            MeanDiameterMm = Math.Round(m.MeanDiameterMm, 1),
            VolumeMm3 = Math.Round(m.VolumeMm3),
            SolidMeanDiameterMm = Math.Round(m.SolidMeanDiameterMm, 1),
            Type = n.Characterization.Type switch { NoduleType.Solid => "solid", NoduleType.PartSolid => "part-solid", _ => "non-solid" },
            Probability = n.Probability is { } p ? Math.Round(p, 4) : null,
        };
    }

    private static string Camel(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);

    private static double[] Round(Vector3D v, int digits) => [Math.Round(v.X, digits), Math.Round(v.Y, digits), Math.Round(v.Z, digits)];
}
