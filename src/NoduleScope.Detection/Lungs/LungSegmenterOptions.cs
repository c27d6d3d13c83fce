namespace NoduleScope.Detection.Lungs;

/// <summary>Tunable values of <see cref="LungSegmenter"/>; defaults hold on the development CTs.</summary>
public sealed record LungSegmenterOptions
{
    /// <summary>Isotropic spacing of the segmentation grid, mm.</summary>
    public double GridSpacingMm { get; init; } = 2.0;

    /// <summary>Voxels below this are air or lung.</summary>
    public double AirThresholdHu { get; init; } = -400;

    /// <summary>Voxels below this are airway lumen (trachea, bronchi); partial volume in thick slices keeps the lumen
    /// above −950, and the airway tracker's size limit, not this threshold, keeps it out of the lungs.</summary>
    public double AirwayThresholdHu { get; init; } = -900;

    /// <summary>Radius of the closing that pulls nodules on the pleura and vessels into the mask (rolling ball).</summary>
    public double PleuralClosingRadiusMm { get; init; } = 12;

    /// <summary>Smallest lung (mL) accepted.</summary>
    public double MinLungVolumeMl { get; init; } = 100;

    /// <summary>Largest airway tree (mL) accepted from region growing; more means it leaked into the lungs.</summary>
    public double MaxAirwayVolumeMl { get; init; } = 250;
}
