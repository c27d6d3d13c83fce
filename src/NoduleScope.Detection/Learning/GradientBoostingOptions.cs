namespace NoduleScope.Detection.Learning;

public sealed record GradientBoostingOptions
{
    public int Trees { get; init; } = 300;

    public int MaxDepth { get; init; } = 4;

    public double LearningRate { get; init; } = 0.05;

    /// <summary>Smallest hessian sum (≈ samples × p(1−p)) a leaf may hold.</summary>
    public double MinLeafHessian { get; init; } = 2;

    public double L2 { get; init; } = 1;

    /// <summary>Share of rows drawn (without replacement) for each tree.</summary>
    public double RowSample { get; init; } = 0.8;

    /// <summary>Share of features tried for each tree.</summary>
    public double FeatureSample { get; init; } = 0.8;

    /// <summary>Weight of a positive row relative to a negative one (candidates are mostly negatives).</summary>
    public double PositiveWeight { get; init; } = 1;

    /// <summary>Quantile bins per feature for split finding.</summary>
    public int Bins { get; init; } = 64;

    public int Seed { get; init; } = 2026;
}
