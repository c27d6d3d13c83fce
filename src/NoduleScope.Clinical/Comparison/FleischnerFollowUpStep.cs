namespace NoduleScope.Clinical.Comparison;

/// <summary>Where a nodule stands in its Fleischner 2017 follow-up after this exam.</summary>
/// <param name="Applicable">False when Fleischner does not apply (screening exam, age, known cancer, ...).</param>
/// <param name="NextStep">What follows now (one text per risk level when the risk is unknown and the table differs).</param>
/// <param name="Reason">Why: the nodule's course and the table row.</param>
public sealed record FleischnerFollowUpStep(bool Applicable, string NextStep, string Reason);
