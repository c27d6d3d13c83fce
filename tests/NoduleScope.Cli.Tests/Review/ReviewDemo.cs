using NoduleScope.Cli.Review;
using NoduleScope.Pipeline.Review;
using NoduleScope.Service.Review;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Cli.Tests.Review;

/// <summary>
/// The full demo (phantom DICOM series and detect results with 4 nodules), made once for the review tests. Each test
/// takes its own copy of the results folder, so that review.json starts empty.
/// </summary>
public sealed class ReviewDemo : IDisposable
{
    private readonly TestFolder folder = new();

    public ReviewDemo()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var session = new CliSession(stdout, stderr, stdoutIsTerminal: false, CancellationToken.None);
        int code = DemoCommand.Execute(session, folder.Path);
        if (code != 0)
        {
            throw new InvalidOperationException($"demo failed ({code}): {stderr}");
        }
    }

    public string DetectFolder => folder["detect"];

    /// <summary>The findings detect made on the demo: 4 nodules.</summary>
    public FindingsDocument Findings => FindingsJson.Read(Path.Combine(DetectFolder, "findings.json"));

    /// <summary>A new results folder holding a copy of findings.json (its input path still names the demo series);
    /// <paramref name="withoutLastFinding"/> leaves the last finding out, so that it plays a nodule detect missed.</summary>
    internal string FreshResults(bool withoutLastFinding = false)
    {
        string results = Directory.CreateTempSubdirectory("nodulescope-review-").FullName;
        var findings = Findings;
        FindingsJson.Write(withoutLastFinding ? findings with { Findings = [.. findings.Findings.SkipLast(1)] } : findings, Path.Combine(results, "findings.json"));
        return results;
    }

    internal static ReviewStudy Load(string results)
    {
        var session = new CliSession(TextWriter.Null, TextWriter.Null, stdoutIsTerminal: false, CancellationToken.None);
        return ReviewCommand.Load(session, results, inputPath: null);
    }

    public void Dispose() => folder.Dispose();
}
