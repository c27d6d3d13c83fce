using static NoduleScope.Clinical.LungRads.LungRadsCategory;
using static NoduleScope.Clinical.LungRads.NoduleTrajectory;

namespace NoduleScope.Clinical.LungRads;

/// <summary>The Lung-RADS v2022 size tables, one per nodule type.</summary>
internal static class LungRadsRuleTables
{
    // Lung-RADS v2022 thresholds with their published sphere-equivalent volumes (clinical-rules.md).
    public static readonly SizeThreshold Mm4 = new(4, 34);
    public static readonly SizeThreshold Mm6 = new(6, 113);
    public static readonly SizeThreshold Mm8 = new(8, 268);
    public static readonly SizeThreshold Mm10 = new(10, 524);
    public static readonly SizeThreshold Mm15 = new(15, 1767);
    public static readonly SizeThreshold Mm30 = new(30, 14137);

    private static readonly NoduleTrajectory[] BaselineOrStable = [Baseline, Stable];
    private static readonly NoduleTrajectory[] NewOnly = [New];
    private static readonly NoduleTrajectory[] GrowingOnly = [Growing];

    // Lung-RADS v2022, solid nodules (clinical-rules.md table, "solid" column).
    public static IReadOnlyList<LungRadsRule> Solid { get; } =
    [
        new(Category2, BaselineOrStable, SizeRange.Below(Mm6)),
        new(Category3, BaselineOrStable, SizeRange.AtLeastAndBelow(Mm6, Mm8)),
        new(Category4A, BaselineOrStable, SizeRange.AtLeastAndBelow(Mm8, Mm15)),
        new(Category4B, BaselineOrStable, SizeRange.AtLeast(Mm15)),
        new(Category2, NewOnly, SizeRange.Below(Mm4)),
        new(Category3, NewOnly, SizeRange.AtLeastAndBelow(Mm4, Mm6)),
        new(Category4A, NewOnly, SizeRange.AtLeastAndBelow(Mm6, Mm8)),
        new(Category4B, NewOnly, SizeRange.AtLeast(Mm8)),
        new(Category4A, GrowingOnly, SizeRange.Below(Mm8)),
        new(Category4B, GrowingOnly, SizeRange.AtLeast(Mm8)),
    ];

    // Lung-RADS v2022, part-solid nodules (clinical-rules.md table, "part-solid" column): total size, then solid part.
    // "New or growing solid part" covers a new nodule ≥ 6 mm and a new solid component in a prior non-solid nodule.
    public static IReadOnlyList<LungRadsRule> PartSolid { get; } =
    [
        new(Category2, BaselineOrStable, SizeRange.Below(Mm6)),
        new(Category3, BaselineOrStable, SizeRange.AtLeast(Mm6), SizeRange.Below(Mm6)),
        new(Category4A, BaselineOrStable, SizeRange.AtLeast(Mm6), SizeRange.AtLeastAndBelow(Mm6, Mm8)),
        new(Category4B, BaselineOrStable, SizeRange.AtLeast(Mm6), SizeRange.AtLeast(Mm8)),
        new(Category3, NewOnly, SizeRange.Below(Mm6)),
        new(Category4A, NewOnly, SizeRange.AtLeast(Mm6), SizeRange.Below(Mm4)),
        new(Category4B, NewOnly, SizeRange.AtLeast(Mm6), SizeRange.AtLeast(Mm4)),
        new(Category4A, GrowingOnly, SizeRange.Any, SizeRange.Below(Mm4)),
        new(Category4B, GrowingOnly, SizeRange.Any, SizeRange.AtLeast(Mm4)),
    ];

    // Lung-RADS v2022, non-solid nodules (clinical-rules.md table, "non-solid (GGN)" column). The table has no row for a
    // ≥ 30 mm GGN growing faster than "slow-growing": it keeps category 3 and its growth makes it 4X.
    public static IReadOnlyList<LungRadsRule> NonSolid { get; } =
    [
        new(Category2, [Baseline, New, Stable, Growing], SizeRange.Below(Mm30)),
        new(Category2, [Stable], SizeRange.AtLeast(Mm30)),
        new(Category3, [Baseline, New, Growing], SizeRange.AtLeast(Mm30)),
    ];

    // Lung-RADS v2022: juxtapleural (incl. perifissural) solid nodule < 10 mm, smooth, oval/lentiform/triangular → 2.
    public static SizeRange JuxtapleuralBelow { get; } = SizeRange.Below(Mm10);

    public static IReadOnlyList<NoduleShape> JuxtapleuralShapes { get; } =
        [NoduleShape.Oval, NoduleShape.Lentiform, NoduleShape.Triangular];

    public static IReadOnlyList<LungRadsRule> For(NoduleType type) => type switch
    {
        NoduleType.Solid => Solid,
        NoduleType.PartSolid => PartSolid,
        NoduleType.NonSolid => NonSolid,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown nodule type."),
    };
}
