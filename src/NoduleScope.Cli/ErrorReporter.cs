using NoduleScope.Dicom;
using NoduleScope.Imaging.IO;
using NoduleScope.Imaging.Series;

namespace NoduleScope.Cli;

/// <summary>
/// Turns an exception into one line on stderr, <c>nodulescope: path: what is wrong</c>, and an exit code: 2 for input
/// that cannot be used, 1 for anything unexpected. The stack trace is printed only with --verbose.
/// </summary>
internal static class ErrorReporter
{
    public const string Prefix = "nodulescope: ";

    public static int Report(Exception exception, string? inputPath, CliSession session)
    {
        var (code, line) = Describe(exception, inputPath);
        session.Error.WriteLine(Prefix + line);
        if (session.Verbose && code == ExitCodes.UnexpectedError)
        {
            session.Error.WriteLine(exception.ToString());
        }

        return code;
    }

    public static void Warn(CliSession session, string message) => session.Error.WriteLine($"{Prefix}warning: {OneLine(message)}");

    internal static (int Code, string Line) Describe(Exception exception, string? inputPath) => Unwrap(exception) switch
    {
        InputProblemException e => (ExitCodes.BadInput, OneLine($"{e.Path}: {e.Problem}")),
        OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
        DicomFormatException { FilePath: not null } e => (ExitCodes.BadInput, OneLine(e.Message)),
        VolumeFormatException e => (ExitCodes.BadInput, OneLine(e.Message)),
        DicomException or DicomNotSupportedException or SeriesAssemblyException => (ExitCodes.BadInput, Locate(exception.Message, inputPath)),
        FileNotFoundException e => (ExitCodes.BadInput, OneLine($"{e.FileName ?? inputPath ?? "input"}: no such file or folder")),
        DirectoryNotFoundException => (ExitCodes.BadInput, Locate("no such file or folder", inputPath)),
        UnauthorizedAccessException => (ExitCodes.BadInput, Locate("permission denied: " + exception.Message, inputPath)),
        IOException => (ExitCodes.UnexpectedError, Locate(exception.Message, inputPath)),
        var other => (ExitCodes.UnexpectedError, Locate($"unexpected error ({other.GetType().Name}): {other.Message} (run with --verbose for details)", inputPath)),
    };

    /// <summary>Parallel loops wrap what went wrong in an <see cref="AggregateException"/>; the first inner error says it.</summary>
    private static Exception Unwrap(Exception exception)
    {
        while (exception is AggregateException aggregate && aggregate.InnerExceptions.Count > 0)
        {
            exception = aggregate.Flatten().InnerExceptions[0];
        }

        return exception;
    }

    /// <summary>Prefixes the input path unless the message already starts with a path of its own.</summary>
    private static string Locate(string message, string? inputPath)
    {
        message = OneLine(message);
        int colon = message.IndexOf(": ", StringComparison.Ordinal);
        bool namesFile = colon > 0 && Path.IsPathRooted(message[..colon]);
        return namesFile || inputPath is null ? message : $"{inputPath}: {message}";
    }

    private static string OneLine(string message) => DisplayText.Clean(message);
}
