using System.Diagnostics;

namespace NoduleScope.Cli.Tests;

/// <summary>Runs dciodvfy (Debian package dicom3tools) when it is installed; the Reporting tests require it.</summary>
internal static class Dciodvfy
{
    private const string Program = "/usr/bin/dciodvfy";

    public static void AssertValidIfInstalled(string path)
    {
        if (!File.Exists(Program))
        {
            return;
        }

        var start = new ProcessStartInfo(Program, [path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        string output = stdout.Result + stderr;
        Assert.False(output.Split('\n').Any(l => l.StartsWith("Error", StringComparison.Ordinal)), $"dciodvfy reports errors for {System.IO.Path.GetFileName(path)}:\n{output}");
    }
}
