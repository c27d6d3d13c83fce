using NoduleScope.Imaging.Registration;

namespace NoduleScope.Clinical.Comparison;

public sealed record ComparisonOptions
{
    public LungRegistrationOptions Registration { get; init; } = new();

    /// <summary>The local refinement around each nodule: a 40 mm cube, shifts up to 8 mm.</summary>
    public LocalSearchOptions LocalSearch { get; init; } = new();

    /// <summary>A local shift is used only when the cubes correlate at least this well at it (otherwise the region has too
    /// little structure, or changed too much, to trust).</summary>
    public double MinLocalCorrelation { get; init; } = 0.3;

    public MatchingOptions Matching { get; init; } = new();

    /// <summary>Segment every nodule of both exams again the same way (at its centre, growing trial radii) before
    /// comparing sizes: the detector's segmentation depends on the radius its candidate suggested, which differs
    /// between exams and would show up as growth or shrinkage.</summary>
    public bool Remeasure { get; init; } = true;

    /// <summary>Volumes for the change and the doubling time by <see cref="PartialVolumeVolumetry"/> rather than by
    /// counting mask voxels.</summary>
    public bool PartialVolumeCorrection { get; init; } = true;

    public RefindOptions Refind { get; init; } = new();

    /// <summary>Both exams are measured by this software, so the same-reader noise bound applies.</summary>
    public MeasurementReaders Readers { get; init; } = MeasurementReaders.SameReader;
}
