namespace NoduleScope.Cli.Tests;

/// <summary>What one in-process run of <c>nodulescope</c> printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public static CliResult Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = CliApplication.Run(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Asserts a bad-input failure: exit 2, exactly one line on stderr in the agreed form, no stack trace anywhere.</summary>
    public void AssertBadInput(params string[] expectedFragments)
    {
        Assert.True(ExitCode == 2, $"exit code {ExitCode}; stderr: {Stderr}");
        string[] lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, "expected one line on stderr, got: " + Stderr);
        Assert.StartsWith("nodulescope: ", lines[0]);
        foreach (string fragment in expectedFragments)
        {
            Assert.Contains(fragment, lines[0], StringComparison.OrdinalIgnoreCase);
        }

        AssertNoStackTrace();
    }

    public void AssertNoStackTrace()
    {
        foreach (string text in new[] { Stdout, Stderr })
        {
            Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception:", text, StringComparison.Ordinal);
        }
    }
}
