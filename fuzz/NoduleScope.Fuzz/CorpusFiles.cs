namespace NoduleScope.Fuzz;

/// <summary>Files of ../shared/dicom-corpus used as seeds: small ones only (afl-fuzz wants inputs well under 1 MB).</summary>
internal static class CorpusFiles
{
    public static IEnumerable<string> Small(string? corpusFolder, long maxBytes)
    {
        if (corpusFolder is null || !Directory.Exists(corpusFolder))
        {
            return [];
        }

        return Directory.EnumerateFiles(corpusFolder, "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length is > 0 and var length && length <= maxBytes)
            .Where(f => !f.EndsWith(".txt", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal) && !f.EndsWith(".tsv", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>A seed file name from a corpus path: its folders and name with anything but letters, digits, '-' and '.' replaced.</summary>
    public static string SeedName(string corpusFolder, string path)
    {
        string relative = Path.GetRelativePath(corpusFolder, path);
        var chars = relative.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray();
        return "corpus_" + new string(chars);
    }
}
