namespace NoduleScope.Detection;

public sealed record NoduleDetectorOptions
{
    /// <summary>The shipped model's calibrated operating threshold (0.5 when no model with one is embedded, or when the
    /// embedded one no longer fits the features: then using it fails with its own message, while other scorers — the
    /// training's heuristic one among them — still work).</summary>
    public static double DefaultThreshold { get; } = ThresholdOf(Scoring.LearnedCandidateScorer.Embedded);

    /// <summary>Probability from which a candidate is reported as a finding (the operating point).</summary>
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>Smallest nodule reported (mean diameter, mm).</summary>
    public double MinDiameterMm { get; init; } = 3;

    /// <summary>Probability given to a mass-finder candidate whose segmentation is a solid lesion of at least
    /// <see cref="MassMinDiameterMm"/> (a rule, not a calibrated value: the learned scorer has never seen masses).</summary>
    public double MassProbability { get; init; } = 0.95;

    /// <summary>Smallest equivalent diameter (mm) of a mass-finder candidate's segmentation for the mass rule.</summary>
    public double MassMinDiameterMm { get; init; } = 30;

    /// <summary>Most findings reported per scan (highest scores first).</summary>
    public int MaxFindings { get; init; } = 50;

    internal static double ThresholdOf(Func<Scoring.LearnedCandidateScorer?> load)
    {
        try
        {
            return load()?.OperatingThreshold ?? 0.5;
        }
        catch (InvalidDataException)
        {
            return 0.5;
        }
    }
}
