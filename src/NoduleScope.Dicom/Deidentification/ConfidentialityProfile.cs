namespace NoduleScope.Dicom.Deidentification;

/// <summary>Looks attributes up in the generated PS3.15 Table E.1-1 (<see cref="Rules"/>).</summary>
public static partial class ConfidentialityProfile
{
    private static readonly Lazy<(Dictionary<uint, ConfidentialityProfileRule> Exact, ConfidentialityProfileRule[] Masked)> Index = new(BuildIndex);

    /// <summary>The row that governs <paramref name="tag"/>: its own row, else a repeating-group or private-attribute row; null when not listed.</summary>
    public static ConfidentialityProfileRule? Find(DicomTag tag)
    {
        var (exact, masked) = Index.Value;
        if (exact.TryGetValue(tag.Value, out var rule))
        {
            return rule;
        }

        foreach (var candidate in masked)
        {
            if (candidate.Matches(tag))
            {
                return candidate;
            }
        }

        return null;
    }

    private static (Dictionary<uint, ConfidentialityProfileRule>, ConfidentialityProfileRule[]) BuildIndex()
    {
        var exact = new Dictionary<uint, ConfidentialityProfileRule>(Rules.Count);
        var masked = new List<ConfidentialityProfileRule>();
        foreach (var rule in Rules)
        {
            if (rule.IsSingleTag)
            {
                exact.Add(rule.Value, rule);
            }
            else
            {
                masked.Add(rule);
            }
        }

        // Most specific pattern first, so (60xx,3000) is tried before a broader group rule.
        masked.Sort((a, b) => System.Numerics.BitOperations.PopCount(b.Mask).CompareTo(System.Numerics.BitOperations.PopCount(a.Mask)));
        return (exact, [.. masked]);
    }
}
