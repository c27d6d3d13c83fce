namespace NoduleScope.Imaging.Registration;

public sealed record RegistrationOptions
{
    public int MaxIterations { get; init; } = 50;

    /// <summary>Fixed-image samples used at most (an even subset of the masked voxels when there are more).</summary>
    public int MaxSamples { get; init; } = 150_000;

    /// <summary>Stops when an update moves no sample by more than this.</summary>
    public double ToleranceMm { get; init; } = 0.02;

    /// <summary>Residuals beyond this are down-weighted (Huber loss), so that local changes (a new nodule, consolidation)
    /// do not pull the global alignment; null for plain squared differences.</summary>
    public double? HuberThreshold { get; init; }
}
