namespace NoduleScope.Dicom;

/// <summary>The storage SOP classes of the standard (generated from PS3.4 by tools/DicomStandardGenerator).</summary>
public static class DicomStorageSopClasses
{
    private static readonly Lazy<Dictionary<string, string>> NamesByUid = new(Build);

    /// <summary>UID to name, for every storage SOP class of the standard.</summary>
    public static IReadOnlyDictionary<string, string> All => NamesByUid.Value;

    public static bool Contains(string uid) => NamesByUid.Value.ContainsKey(uid);

    public static string? GetName(string uid) => NamesByUid.Value.GetValueOrDefault(uid);

    private static Dictionary<string, string> Build()
    {
        var result = new Dictionary<string, string>(200, StringComparer.Ordinal);
        foreach (var line in SopClassData.Entries.AsSpan().EnumerateLines())
        {
            int tab = line.IndexOf('\t');
            if (tab > 0)
            {
                result.TryAdd(line[..tab].ToString(), line[(tab + 1)..].ToString());
            }
        }

        return result;
    }
}
