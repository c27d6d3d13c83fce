namespace NoduleScope.Clinical.Comparison;

/// <summary>
/// A pairing the user decided: prior finding <see cref="PriorId"/> is current finding <see cref="CurrentId"/>; a null
/// side forces the other to be unpaired (resolved or new). Ids are the findings' ids in each exam.
/// </summary>
public sealed record PairOverride(int? PriorId, int? CurrentId);
