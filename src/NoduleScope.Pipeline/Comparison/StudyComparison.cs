using NoduleScope.Clinical.Comparison;
using NoduleScope.Clinical.Comparison.Document;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Pipeline.Comparison;

/// <summary>
/// A comparison and what is written from it: comparison.json, the current exam's findings with a prior link per
/// finding, and the prior exam's findings as measured for the comparison.
/// </summary>
public sealed record StudyComparison(ComparisonResult Result, ComparisonDocument Document, FindingsDocument CurrentFindings, FindingsDocument PriorFindings);
