namespace NoduleScope.Clinical.LungRads;

/// <summary>
/// One cell of the Lung-RADS table: the category for a nodule on one of the given courses whose size (and, for
/// part-solid nodules, solid component) lies in the given ranges.
/// </summary>
internal sealed record LungRadsRule(
    LungRadsCategory Category,
    IReadOnlyList<NoduleTrajectory> AppliesTo,
    SizeRange Nodule,
    SizeRange SolidComponent)
{
    public LungRadsRule(LungRadsCategory category, IReadOnlyList<NoduleTrajectory> appliesTo, SizeRange nodule)
        : this(category, appliesTo, nodule, SizeRange.Any)
    {
    }

    /// <summary>Growth itself put the nodule in this row, so growth is not an additional 4X feature.</summary>
    public bool DecidedByGrowth => AppliesTo is [NoduleTrajectory.Growing];

    public bool NeedsSolidComponent => !SolidComponent.IsAny;
}
