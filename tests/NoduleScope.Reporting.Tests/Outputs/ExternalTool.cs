using System.Diagnostics;

namespace NoduleScope.Reporting.Tests.Outputs;

/// <summary>Runs a command-line tool (dciodvfy, dsrdump, pdftoppm, chromium, ...) and skips the test when it is not installed.</summary>
internal static class ExternalTool
{
    /// <summary>The full path of <paramref name="name"/> on PATH; skips the test when it is absent.</summary>
    public static string Require(string name, string package)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Skip($"'{name}' is not installed (Debian package {package}); this check needs it");
        return name;
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + tool);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A hung tool (a headless browser waiting on something) must end the test, not the test run.
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(tool)} did not finish within 3 minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs dciodvfy on <paramref name="path"/> and fails with its whole output when it reports an error.</summary>
    public static string AssertValidDicom(string path)
    {
        string dciodvfy = Require("dciodvfy", "dicom3tools");
        var (_, stdout, stderr) = Run(dciodvfy, path);
        string output = stdout + stderr;
        var errors = output.Split('\n').Where(l => l.StartsWith("Error", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"dciodvfy reports errors for {Path.GetFileName(path)}:\n{output}");
        return output;
    }
}
