using System.Globalization;

namespace NoduleScope.Dicom;

/// <summary>The DICOM data dictionary (generated from PS3.6 by tools/DicomStandardGenerator).</summary>
public static class DicomDictionary
{
    private static readonly Lazy<Tables> Data = new(Build);

    public static int Count => Data.Value.Exact.Count + Data.Value.Masked.Count;

    /// <summary>The entry for <paramref name="tag"/>, matching repeating-group patterns such as (60xx,3000); null if unknown.</summary>
    public static DicomDictionaryEntry? Lookup(DicomTag tag)
    {
        var tables = Data.Value;
        if (tables.Exact.TryGetValue(tag.Value, out var entry))
        {
            return entry;
        }

        if (tag.IsPrivate)
        {
            return tag.IsPrivateCreator ? PrivateCreator : null;
        }

        if (tag.IsGroupLength)
        {
            return GroupLength;
        }

        foreach (var (mask, value, masked) in tables.Masked)
        {
            if ((tag.Value & mask) == value)
            {
                return masked;
            }
        }

        return null;
    }

    public static DicomTag? TryGetTag(string keyword) => Data.Value.ByKeyword.TryGetValue(keyword, out var tag) ? tag : null;

    /// <summary>The VR to assume for <paramref name="tag"/> in implicit VR streams (UN when unknown).</summary>
    public static DicomVR ImplicitVR(DicomTag tag) => Lookup(tag)?.DefaultVR ?? DicomVR.UN;

    /// <summary>"(0010,0010) PatientName" for messages.</summary>
    public static string Describe(DicomTag tag)
    {
        var entry = Lookup(tag);
        return entry is null || entry.Keyword.Length == 0 ? tag.ToString() : $"{tag} {entry.Keyword}";
    }

    private static readonly DicomDictionaryEntry PrivateCreator = new("xxxx00xx", [DicomVR.LO], "1", "PrivateCreator", "Private Creator", false);
    private static readonly DicomDictionaryEntry GroupLength = new("xxxx0000", [DicomVR.UL], "1", "GroupLength", "Group Length", false);

    private static Tables Build()
    {
        var exact = new Dictionary<uint, DicomDictionaryEntry>(5200);
        var masked = new List<(uint Mask, uint Value, DicomDictionaryEntry Entry)>();
        var byKeyword = new Dictionary<string, DicomTag>(StringComparer.Ordinal);
        foreach (var line in DicomDictionaryData.Entries.AsSpan().EnumerateLines())
        {
            if (line.IsEmpty)
            {
                continue;
            }

            string[] fields = line.ToString().Split('\t');
            string pattern = fields[0];
            var vrs = fields[1].Length == 0 ? [] : Array.ConvertAll(fields[1].Split('|'), DicomVRExtensions.Parse);
            var entry = new DicomDictionaryEntry(pattern, vrs, fields[2], fields[3], fields[4], fields[5] == "R");
            if (pattern.Contains('x', StringComparison.Ordinal))
            {
                uint mask = 0, value = 0;
                foreach (char c in pattern)
                {
                    mask <<= 4;
                    value <<= 4;
                    if (c != 'x')
                    {
                        mask |= 0xF;
                        value |= uint.Parse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    }
                }

                masked.Add((mask, value, entry));
            }
            else
            {
                uint tag = uint.Parse(pattern, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                exact.TryAdd(tag, entry);
                if (entry.Keyword.Length > 0)
                {
                    byKeyword.TryAdd(entry.Keyword, new DicomTag(tag));
                }
            }
        }

        return new Tables(exact, masked, byKeyword);
    }

    private sealed record Tables(Dictionary<uint, DicomDictionaryEntry> Exact, List<(uint Mask, uint Value, DicomDictionaryEntry Entry)> Masked, Dictionary<string, DicomTag> ByKeyword);
}
