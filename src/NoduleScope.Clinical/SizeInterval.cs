using System.Globalization;

namespace NoduleScope.Clinical;

/// <summary>A size interval with explicit edges, so every guideline table states its own ≥ / &lt; boundaries.</summary>
internal sealed record SizeInterval(double? Lower, bool LowerInclusive, double? Upper, bool UpperInclusive)
{
    public static SizeInterval Any { get; } = new(null, false, null, false);

    public bool IsAny => Lower is null && Upper is null;

    /// <summary>&lt; upper.</summary>
    public static SizeInterval Below(double upper) => new(null, false, upper, false);

    /// <summary>≥ lower.</summary>
    public static SizeInterval AtLeast(double lower) => new(lower, true, null, false);

    /// <summary>&gt; lower.</summary>
    public static SizeInterval Above(double lower) => new(lower, false, null, false);

    /// <summary>≥ lower to &lt; upper.</summary>
    public static SizeInterval AtLeastAndBelow(double lower, double upper) => new(lower, true, upper, false);

    /// <summary>lower–upper, both included.</summary>
    public static SizeInterval Inclusive(double lower, double upper) => new(lower, true, upper, true);

    public bool Contains(double value) =>
        (Lower is not { } lower || (LowerInclusive ? value >= lower : value > lower)) &&
        (Upper is not { } upper || (UpperInclusive ? value <= upper : value < upper));

    public string Describe(string unit)
    {
        string? lowerText = Lower is { } lower ? Number(lower) : null;
        string? upperText = Upper is { } upper ? Number(upper) : null;
        return (lowerText, upperText) switch
        {
            (null, null) => "any size",
            (null, _) => $"{(UpperInclusive ? "≤" : "<")} {upperText} {unit}",
            (_, null) => $"{(LowerInclusive ? "≥" : ">")} {lowerText} {unit}",
            _ when LowerInclusive && UpperInclusive => $"{lowerText}–{upperText} {unit}",
            _ => $"{(LowerInclusive ? "≥" : ">")} {lowerText} to {(UpperInclusive ? "≤" : "<")} {upperText} {unit}",
        };
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
