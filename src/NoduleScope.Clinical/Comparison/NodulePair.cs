using NoduleScope.Clinical.LungRads;

namespace NoduleScope.Clinical.Comparison;

/// <summary>
/// One nodule followed across the two exams: its prior and current appearance (either may be absent: resolved or new),
/// how it was paired, its change, and the follow-up guidance it gives now. One record per nodule, ready for the
/// structured report and the side-by-side key images.
/// </summary>
/// <param name="Index">1…n in the order pairs are reported (current findings first, then resolved prior ones).</param>
/// <param name="Change">Null unless both sides exist.</param>
/// <param name="LungRads">The current nodule's follow-up Lung-RADS category (null for a resolved nodule).</param>
/// <param name="Fleischner">The Fleischner step for the current nodule (or "resolved").</param>
public sealed record NodulePair(
    int Index,
    PairStatus Status,
    ComparedNodule? Prior,
    ComparedNodule? Current,
    PairMatch Match,
    NoduleChange? Change,
    LungRadsNoduleResult? LungRads,
    FleischnerFollowUpStep Fleischner);
