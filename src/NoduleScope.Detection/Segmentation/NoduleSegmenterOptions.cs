namespace NoduleScope.Detection.Segmentation;

public sealed record NoduleSegmenterOptions
{
    /// <summary>Edge threshold of a nodule whose core is solid (core above −300 HU).</summary>
    public double SolidThresholdHu { get; init; } = -500;

    /// <summary>Edge threshold of a ground-glass nodule.</summary>
    public double GroundGlassThresholdHu { get; init; } = -750;

    /// <summary>When set, the edge is placed this fraction of the way from aerated lung (−870 HU) to the nodule's core
    /// density (0.5: half-maximum), but never below the fixed threshold of its type.</summary>
    public double? AdaptiveEdgeFraction { get; init; }
}
