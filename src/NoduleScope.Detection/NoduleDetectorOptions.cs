namespace NoduleScope.Detection;

public sealed record NoduleDetectorOptions
{
    /// <summary>Probability from which a candidate is reported as a finding (the operating point).</summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Smallest nodule reported (mean diameter, mm).</summary>
    public double MinDiameterMm { get; init; } = 3;

    /// <summary>Most findings reported per scan (highest scores first).</summary>
    public int MaxFindings { get; init; } = 50;
}
