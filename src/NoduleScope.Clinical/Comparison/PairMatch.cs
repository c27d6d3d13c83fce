using NoduleScope.Imaging.Registration;

namespace NoduleScope.Clinical.Comparison;

/// <summary>How sure the pairing is.</summary>
/// <param name="DistanceMm">Between the current centre and the prior centre mapped into the current scan; null when unpaired.</param>
/// <param name="Confidence">exp(−½ (d/σ)²) with σ from <see cref="MatchingOptions"/> (1 = coincident); 1 for user pairs;
/// for unpaired nodules, how clearly nothing was found: 1 when the place was searched and nothing nodule-like was there.</param>
/// <param name="Local">The local refinement around the nodule (shift and correlation), when one was run.</param>
public sealed record PairMatch(MatchMethod Method, double? DistanceMm, double Confidence, LocalSearchResult? Local);
