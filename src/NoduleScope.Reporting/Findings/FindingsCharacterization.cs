namespace NoduleScope.Reporting.Findings;

/// <summary>
/// What a finding is and what to do about it (issue 4): type, calcification, margin, location, risk and guideline
/// categories. Each value is null when it could not be determined; <see cref="Inputs"/> names what produced them.
/// </summary>
public sealed record FindingsCharacterization
{
    /// <summary>"solid", "part-solid" or "non-solid".</summary>
    public required string Type { get; init; }

    public bool? Calcified { get; init; }

    /// <summary>True when the calcification pattern is a benign one (diffuse, central, laminated, popcorn).</summary>
    public bool? BenignCalcification { get; init; }

    public bool? Spiculated { get; init; }

    /// <summary>Ill-defined margin (learned; LIDC margin rating 1–2 "poorly defined").</summary>
    public bool? IllDefinedMargin { get; init; }

    /// <summary>Median 10–90 % rise distance of the HU profile across the nodule's edge into the lung, on its centre's
    /// axial slice: about the scanner's blur (≈ 2 mm) for a sharp edge, wider for an ill-defined one; null when the edge
    /// could not be measured.</summary>
    public double? EdgeWidthMm { get; init; }

    /// <summary>"right upper", "right middle", "right lower", "left upper", "lingula" or "left lower".</summary>
    public string? Lobe { get; init; }

    public bool? UpperLobe { get; init; }

    public bool? Juxtapleural { get; init; }

    public bool? Perifissural { get; init; }

    public bool? Juxtavascular { get; init; }

    public double? DistanceToPleuraMm { get; init; }

    /// <summary>Brock (PanCan full model) probability of malignancy, 0–1.</summary>
    public double? BrockProbability { get; init; }

    /// <summary>Learned malignancy score, 0–1 (validated against LIDC ratings; see docs/benchmarks.md).</summary>
    public double? MalignancyScore { get; init; }

    /// <summary>Lung-RADS v2022 category for this nodule: "2", "3", "4A", "4B" or "4X".</summary>
    public string? LungRadsCategory { get; init; }

    public string? LungRadsManagement { get; init; }

    public string? FleischnerRecommendation { get; init; }

    /// <summary>The inputs each value was computed from (e.g. "age": "62 (DICOM PatientAge)"), and unknown inputs.</summary>
    public IReadOnlyDictionary<string, string> Inputs { get; init; } = new Dictionary<string, string>();
}
