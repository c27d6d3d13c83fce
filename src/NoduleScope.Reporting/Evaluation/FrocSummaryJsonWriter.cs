using System.Text;
using System.Text.Json;

namespace NoduleScope.Reporting.Evaluation;

/// <summary>
/// Writes the summary of a <see cref="FrocEvaluation"/> as one JSON object (camelCase, indented): the CPM and its
/// interval, the seven reference points, the size buckets, the operating point, the counts and the settings.
/// Undefined numbers (NaN) are written as null. The full curve is not included (see <see cref="FrocTableWriter.WriteCurveCsv"/>).
/// </summary>
public static class FrocSummaryJsonWriter
{
    /// <summary>Version of the layout, written as <c>schemaVersion</c>; raised when a property changes meaning or goes.</summary>
    public const int SchemaVersion = 1;

    public static string ToJson(FrocEvaluation evaluation)
    {
        using var stream = new MemoryStream();
        Write(evaluation, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(FrocEvaluation evaluation, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var options = evaluation.Options;
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", SchemaVersion);
        json.WriteString("rules", "LUNA16 (noduleCADEvaluationLUNA16.py)");
        Number(json, "cpm", evaluation.Cpm);
        Interval(json, "cpmInterval", evaluation.CpmInterval);

        json.WriteStartArray("points");
        foreach (var point in evaluation.ReferencePoints)
        {
            json.WriteStartObject();
            Number(json, "falsePositivesPerScan", point.FalsePositivesPerScan);
            Number(json, "sensitivity", point.Sensitivity);
            Interval(json, "interval", point.Interval);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("sizeBuckets");
        foreach (var bucket in evaluation.SizeBuckets)
        {
            json.WriteStartObject();
            Number(json, "minDiameterMm", bucket.MinDiameterMm);
            json.WriteNumber("nodules", bucket.NoduleCount);
            Number(json, "falsePositivesPerScan", bucket.FalsePositivesPerScan);
            Number(json, "sensitivity", bucket.Sensitivity);
            Interval(json, "interval", bucket.Interval);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        if (evaluation.OperatingPoint is { } op)
        {
            json.WriteStartObject("operatingPoint");
            Number(json, "threshold", op.Threshold);
            json.WriteNumber("detectedNodules", op.DetectedNodules);
            json.WriteNumber("nodules", op.NoduleCount);
            Number(json, "sensitivity", op.Sensitivity);
            json.WriteNumber("falsePositives", op.FalsePositives);
            Number(json, "falsePositivesPerScan", op.FalsePositivesPerScan);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("operatingPoint");
        }

        var curve = evaluation.Curve;
        Number(json, "maxSensitivity", curve.Sensitivity[curve.Count - 1]);
        Number(json, "maxFalsePositivesPerScan", curve.FalsePositivesPerScan[curve.Count - 1]);

        var c = evaluation.Counts;
        json.WriteStartObject("counts");
        json.WriteNumber("scans", c.Scans);
        json.WriteNumber("nodules", c.Nodules);
        json.WriteNumber("detectedNodules", c.DetectedNodules);
        json.WriteNumber("excludedFindings", c.ExcludedFindings);
        json.WriteNumber("candidates", c.Candidates);
        json.WriteNumber("hitCandidates", c.HitCandidates);
        json.WriteNumber("falsePositives", c.FalsePositives);
        json.WriteNumber("ignoredOnExcludedFindings", c.IgnoredOnExcludedFindings);
        json.WriteNumber("duplicateHits", c.DuplicateHits);
        json.WriteNumber("candidatesHittingSeveralNodules", c.CandidatesHittingSeveralNodules);
        json.WriteNumber("candidatesDroppedByCap", c.CandidatesDroppedByCap);
        json.WriteNumber("predictionsOutsideScans", c.PredictionsOutsideScans);
        json.WriteNumber("annotationsOutsideScans", c.AnnotationsOutsideScans);
        json.WriteEndObject();

        json.WriteStartObject("settings");
        json.WriteBoolean("scansInferred", evaluation.ScansInferred);
        json.WriteNumber("bootstrapSamples", options.BootstrapSamples);
        json.WriteNumber("seed", options.Seed);
        Number(json, "confidence", options.Confidence);
        json.WriteNumber("maxCandidatesPerScan", options.MaxCandidatesPerScan);
        Number(json, "unknownDiameterMm", options.UnknownDiameterMm);
        json.WriteEndObject();

        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Interval(Utf8JsonWriter json, string name, ConfidenceInterval? interval)
    {
        if (interval is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        Number(json, "lower", interval.Lower);
        Number(json, "upper", interval.Upper);
        json.WriteEndObject();
    }
}
