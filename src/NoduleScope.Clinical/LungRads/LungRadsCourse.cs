using NoduleScope.Clinical.Growth;

namespace NoduleScope.Clinical.LungRads;

/// <summary>A nodule's course for Lung-RADS: which rows apply, in words, and the growth calls behind it.</summary>
internal sealed record LungRadsCourse(
    NoduleTrajectory Trajectory,
    string Description,
    GrowthAssessment? Growth,
    GrowthAssessment? SolidComponentGrowth)
{
    /// <summary>Without a usable prior, the baseline rows apply.</summary>
    public NoduleTrajectory TableTrajectory => Trajectory == NoduleTrajectory.PriorUnknown ? NoduleTrajectory.Baseline : Trajectory;

    public bool Grew => Growth?.Call == GrowthCall.Growing || SolidComponentGrowth?.Call == GrowthCall.Growing;
}
