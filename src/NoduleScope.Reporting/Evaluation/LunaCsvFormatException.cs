namespace NoduleScope.Reporting.Evaluation;

/// <summary>A LUNA16-style CSV file cannot be read: the message names the file and, where known, the line.</summary>
public sealed class LunaCsvFormatException : FormatException
{
    public LunaCsvFormatException(string filePath, int lineNumber, string problem)
        : base(lineNumber > 0 ? $"{filePath}, line {lineNumber}: {problem}" : $"{filePath}: {problem}")
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The file (or the source name given to the reader).</summary>
    public string FilePath { get; }

    /// <summary>1-based line number, or 0 when the problem is the file as a whole.</summary>
    public int LineNumber { get; }

    /// <summary>What is wrong, without the file and line.</summary>
    public string Problem { get; }
}
