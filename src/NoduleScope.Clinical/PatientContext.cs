namespace NoduleScope.Clinical;

/// <summary>What is known about the patient; every value may be unknown (null) and the engines say what they assumed.</summary>
public sealed record PatientContext
{
    public static PatientContext Unknown { get; } = new();

    public double? AgeYears { get; init; }

    public PatientSex? Sex { get; init; }

    public bool? FamilyHistoryOfLungCancer { get; init; }

    /// <summary>Emphysema on this CT.</summary>
    public bool? Emphysema { get; init; }

    /// <summary>Fleischner's low/high risk, a caller's judgement.</summary>
    public RiskLevel? LungCancerRisk { get; init; }

    /// <summary>A known primary cancer (Fleischner does not apply: nodules may be metastases).</summary>
    public bool? KnownCancer { get; init; }

    /// <summary>Immunosuppressed (Fleischner does not apply: nodules may be infection).</summary>
    public bool? Immunosuppressed { get; init; }
}
