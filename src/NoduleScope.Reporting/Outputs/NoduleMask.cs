using NoduleScope.Detection;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Reporting.Outputs;

/// <summary>The segmentation of one finding as shown and exported (its outline: the mask plus its partial-volume rim),
/// on a crop of the CT's own grid (same spacing and directions, origin on a voxel of the CT).</summary>
public sealed record NoduleMask(int FindingId, MaskVolume Mask)
{
    /// <summary>The masks of every reported finding of a detection run.</summary>
    public static IReadOnlyList<NoduleMask> From(DetectionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return [.. result.Findings.Select(f => new NoduleMask(f.Id, f.Segmentation.Outline))];
    }
}
