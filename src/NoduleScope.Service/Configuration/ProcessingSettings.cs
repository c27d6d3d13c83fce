namespace NoduleScope.Service.Configuration;

/// <summary>"processing": the analysis, as <c>nodulescope detect</c> options.</summary>
public sealed record ProcessingSettings
{
    /// <summary>The operating point; null uses the detector's own (what <c>nodulescope detect</c> uses by default).</summary>
    public double? Threshold { get; init; }

    /// <summary>The threshold in effect.</summary>
    public double EffectiveThreshold => Threshold ?? new Detection.NoduleDetectorOptions().Threshold;

    /// <summary>Result files written per study (the --outputs list of detect).</summary>
    public string Outputs { get; init; } = Reporting.Outputs.OutputKindsParser.Default;

    /// <summary>Compare each study with the patient's latest earlier processed study (same PatientID, earlier StudyDate).</summary>
    public bool CompareWithPriors { get; init; } = true;

    /// <summary>Names the analysis for idempotency: a study's content is processed once per model version. Default:
    /// the software version and the threshold.</summary>
    public string? ModelVersion { get; init; }
}
