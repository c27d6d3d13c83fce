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

    /// <summary>How far (mm) the outline may reach beyond the mask into the nodule's partial-volume rim.</summary>
    public double OutlineRimMm { get; init; } = 1.5;

    /// <summary>Rim voxels denser than this join the outline of a solid nodule.</summary>
    public double OutlineSolidHu { get; init; } = -650;

    /// <summary>Rim voxels denser than this join the outline of a ground-glass nodule.</summary>
    public double OutlineGroundGlassHu { get; init; } = -750;

    /// <summary>When set, the axes are measured on the voxels of the mask denser than this fraction of the way from
    /// aerated lung to the nodule's core (its partial-volume edge), instead of on the whole mask.</summary>
    public double? MeasureEdgeFraction { get; init; } = 0.6;

    /// <summary>Radius (mm) of the in-plane opening applied to the measured slice before the axes are taken, so that
    /// attached vessels and spicules narrower than twice it do not lengthen them (0: none).</summary>
    public double MeasureOpeningMm { get; init; } = 1.0;
}
