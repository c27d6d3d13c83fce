using System.Globalization;

namespace NoduleScope.Reporting.Evaluation;

/// <summary>
/// Reads the LUNA16 CSV files: annotations and excluded annotations
/// (<c>seriesuid,coordX,coordY,coordZ,diameter_mm</c>), predictions (<c>seriesuid,coordX,coordY,coordZ,probability</c>)
/// and the series list (one UID a line, optional <c>seriesuid</c> header). Columns are found by their header name (in
/// any order, extra columns allowed); numbers use the invariant culture; blank lines, surrounding whitespace, CRLF and
/// a UTF-8 byte order mark are accepted. Anything else throws <see cref="LunaCsvFormatException"/> naming file and line.
/// </summary>
public static class LunaCsvReader
{
    private const string SeriesUidColumn = "seriesuid";
    private static readonly string[] AnnotationColumns = [SeriesUidColumn, "coordX", "coordY", "coordZ", "diameter_mm"];
    private static readonly string[] PredictionColumns = [SeriesUidColumn, "coordX", "coordY", "coordZ", "probability"];

    /// <summary>Reads an annotations file; every diameter must be a positive number.</summary>
    public static IReadOnlyList<NoduleAnnotation> ReadAnnotations(string path)
    {
        using var reader = OpenText(path);
        return ReadAnnotations(reader, path);
    }

    /// <inheritdoc cref="ReadAnnotations(string)"/>
    public static IReadOnlyList<NoduleAnnotation> ReadAnnotations(TextReader reader, string sourceName) =>
        ReadFindings(reader, sourceName, negativeDiameterAllowed: false);

    /// <summary>Reads an excluded-annotations file; a negative diameter (-1 in the official file) means unknown.</summary>
    public static IReadOnlyList<NoduleAnnotation> ReadExcludedAnnotations(string path)
    {
        using var reader = OpenText(path);
        return ReadExcludedAnnotations(reader, path);
    }

    /// <inheritdoc cref="ReadExcludedAnnotations(string)"/>
    public static IReadOnlyList<NoduleAnnotation> ReadExcludedAnnotations(TextReader reader, string sourceName) =>
        ReadFindings(reader, sourceName, negativeDiameterAllowed: true);

    /// <summary>Reads a predictions (CAD marks) file; the probability may be any finite number.</summary>
    public static IReadOnlyList<CandidatePrediction> ReadPredictions(string path)
    {
        using var reader = OpenText(path);
        return ReadPredictions(reader, path);
    }

    /// <inheritdoc cref="ReadPredictions(string)"/>
    public static IReadOnlyList<CandidatePrediction> ReadPredictions(TextReader reader, string sourceName)
    {
        var predictions = new List<CandidatePrediction>();
        int[] columns = ReadHeader(reader, sourceName, PredictionColumns, out int fieldCount, out int lineNumber);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] fields = SplitFields(line, fieldCount, sourceName, lineNumber);
            predictions.Add(new CandidatePrediction(
                SeriesUid(fields[columns[0]], sourceName, lineNumber),
                Number(fields[columns[1]], PredictionColumns[1], sourceName, lineNumber),
                Number(fields[columns[2]], PredictionColumns[2], sourceName, lineNumber),
                Number(fields[columns[3]], PredictionColumns[3], sourceName, lineNumber),
                Number(fields[columns[4]], PredictionColumns[4], sourceName, lineNumber)));
        }

        return predictions;
    }

    /// <summary>Reads a series list: the first field of each non-blank line; a first line <c>seriesuid</c> is a header.</summary>
    public static IReadOnlyList<string> ReadSeriesUids(string path)
    {
        using var reader = OpenText(path);
        return ReadSeriesUids(reader, path);
    }

    /// <inheritdoc cref="ReadSeriesUids(string)"/>
    public static IReadOnlyList<string> ReadSeriesUids(TextReader reader, string sourceName)
    {
        var uids = new List<string>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        int lineNumber = 0;
        bool first = true;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            int comma = line.IndexOf(',', StringComparison.Ordinal);
            string uid = Unquote(comma < 0 ? line : line[..comma]);
            if (first && string.Equals(uid, SeriesUidColumn, StringComparison.OrdinalIgnoreCase))
            {
                first = false;
                continue;
            }

            first = false;
            uid = SeriesUid(uid, sourceName, lineNumber);
            if (!firstLineOf.TryAdd(uid, lineNumber))
            {
                throw new LunaCsvFormatException(sourceName, lineNumber, $"series '{uid}' is listed twice (first on line {firstLineOf[uid]})");
            }

            uids.Add(uid);
        }

        if (uids.Count == 0)
        {
            throw new LunaCsvFormatException(sourceName, 0, "no series UIDs in the file");
        }

        return uids;
    }

    private static List<NoduleAnnotation> ReadFindings(TextReader reader, string sourceName, bool negativeDiameterAllowed)
    {
        var findings = new List<NoduleAnnotation>();
        int[] columns = ReadHeader(reader, sourceName, AnnotationColumns, out int fieldCount, out int lineNumber);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] fields = SplitFields(line, fieldCount, sourceName, lineNumber);
            double diameter = Number(fields[columns[4]], AnnotationColumns[4], sourceName, lineNumber);
            if (!negativeDiameterAllowed && diameter <= 0)
            {
                throw new LunaCsvFormatException(sourceName, lineNumber, $"diameter_mm must be positive in an annotations file, found {fields[columns[4]]} (-1 is allowed only among excluded findings)");
            }

            findings.Add(new NoduleAnnotation(
                SeriesUid(fields[columns[0]], sourceName, lineNumber),
                Number(fields[columns[1]], AnnotationColumns[1], sourceName, lineNumber),
                Number(fields[columns[2]], AnnotationColumns[2], sourceName, lineNumber),
                Number(fields[columns[3]], AnnotationColumns[3], sourceName, lineNumber),
                diameter));
        }

        return findings;
    }

    /// <summary>Reads the header (the first non-blank line) and returns the index of each required column.</summary>
    private static int[] ReadHeader(TextReader reader, string sourceName, string[] required, out int fieldCount, out int lineNumber)
    {
        string expected = string.Join(',', required);
        lineNumber = 0;
        string? line;
        do
        {
            line = reader.ReadLine();
            lineNumber++;
        }
        while (line is not null && string.IsNullOrWhiteSpace(line));

        if (line is null)
        {
            throw new LunaCsvFormatException(sourceName, 0, $"empty file; expected the header '{expected}'");
        }

        string[] names = line.Split(',');
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = Unquote(names[i]);
        }

        int[] columns = new int[required.Length];
        for (int r = 0; r < required.Length; r++)
        {
            columns[r] = -1;
            for (int i = 0; i < names.Length; i++)
            {
                if (string.Equals(names[i], required[r], StringComparison.OrdinalIgnoreCase))
                {
                    if (columns[r] >= 0)
                    {
                        throw new LunaCsvFormatException(sourceName, lineNumber, $"column '{required[r]}' appears twice in the header");
                    }

                    columns[r] = i;
                }
            }

            if (columns[r] < 0)
            {
                throw new LunaCsvFormatException(sourceName, lineNumber, $"the header has no column '{required[r]}'; expected a header line '{expected}', found '{Shorten(line)}'");
            }
        }

        fieldCount = names.Length;
        return columns;
    }

    private static string[] SplitFields(string line, int fieldCount, string sourceName, int lineNumber)
    {
        string[] fields = line.Split(',');
        if (fields.Length != fieldCount)
        {
            throw new LunaCsvFormatException(sourceName, lineNumber, $"expected {fieldCount} comma-separated fields as in the header, found {fields.Length}");
        }

        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = Unquote(fields[i]);
        }

        return fields;
    }

    private static string SeriesUid(string field, string sourceName, int lineNumber) =>
        field.Length > 0 ? field : throw new LunaCsvFormatException(sourceName, lineNumber, "the seriesuid is empty");

    private static double Number(string field, string column, string sourceName, int lineNumber)
    {
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }

        throw new LunaCsvFormatException(sourceName, lineNumber, $"{column} '{Shorten(field)}' is not a finite number");
    }

    private static string Unquote(string field)
    {
        string trimmed = field.Trim();
        return trimmed.Length >= 2 && trimmed[0] == '"' && trimmed[^1] == '"' ? trimmed[1..^1].Trim() : trimmed;
    }

    private static string Shorten(string text)
    {
        const int Shown = 120;
        return text.Length <= Shown ? text : text[..Shown] + "...";
    }

    private static StreamReader OpenText(string path) => new(path, detectEncodingFromByteOrderMarks: true);
}
