using NoduleScope.Dicom;
using NoduleScope.Imaging.Series;

namespace NoduleScope.Cli.Tests;

public sealed class ErrorReporterTests
{
    [Fact]
    public void UnexpectedErrorsExitOneWithTheInputNamedAndNoStackUnlessVerbose()
    {
        var exception = Thrown(new InvalidOperationException("something broke"));

        var (quietCode, quiet) = Report(exception, verbose: false);
        var (_, verbose) = Report(exception, verbose: true);

        Assert.Equal(1, quietCode);
        Assert.Equal("nodulescope: /data/in: unexpected error (InvalidOperationException): something broke (run with --verbose for details)" + Environment.NewLine, quiet);
        Assert.Contains("   at ", verbose);
    }

    [Fact]
    public void ParallelFailuresAreReportedByTheirFirstCause()
    {
        var inner = new DicomFormatException("truncated", "/data/in/IM1.dcm", 40);

        var (code, line) = ErrorReporter.Describe(new AggregateException(inner, new InvalidOperationException("other")), "/data/in");

        Assert.Equal(2, code);
        Assert.Equal("/data/in/IM1.dcm: truncated (at byte 40)", line);
    }

    [Fact]
    public void MessagesWithoutAFileGetTheInputPathAndStayOnOneLine()
    {
        var (code, line) = ErrorReporter.Describe(new SeriesAssemblyException("series 1.2: image sizes differ\nsecond line"), "/data/in");

        Assert.Equal(2, code);
        Assert.Equal("/data/in: series 1.2: image sizes differ second line", line);
    }

    [Fact]
    public void UnsupportedDataIsBadInput()
    {
        var (code, line) = ErrorReporter.Describe(new DicomNotSupportedException("/data/in/x.dcm: 12-bit packed pixels are not supported"), "/data/in");

        Assert.Equal(2, code);
        Assert.Equal("/data/in/x.dcm: 12-bit packed pixels are not supported", line);
    }

    private static (int Code, string Stderr) Report(Exception exception, bool verbose)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var session = new CliSession(stdout, stderr, stdoutIsTerminal: false, CancellationToken.None) { Verbose = verbose };
        int code = ErrorReporter.Report(exception, "/data/in", session);
        return (code, stderr.ToString());
    }

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
