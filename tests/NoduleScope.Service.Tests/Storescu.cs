using System.Diagnostics;

namespace NoduleScope.Service.Tests;

/// <summary>dcmtk's storescu sending files, with the files it got a success response for (read from its -v log as it runs).</summary>
internal sealed class Storescu : IDisposable
{
    private readonly Process process;
    private readonly List<string> acknowledged = [];
    private readonly List<string> log = [];
    private string? current;

    private Storescu(Process process)
    {
        this.process = process;
    }

    /// <summary>Files the peer answered with success, in order.</summary>
    public IReadOnlyList<string> Acknowledged
    {
        get
        {
            lock (acknowledged)
            {
                return [.. acknowledged];
            }
        }
    }

    public string Log
    {
        get
        {
            lock (log)
            {
                return string.Join('\n', log);
            }
        }
    }

    public static Storescu Start(string callingAe, string calledAe, int port, IEnumerable<string> files)
    {
        var info = new ProcessStartInfo(Tools.Require("storescu", "apt-get install dcmtk")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-v", "-aet", callingAe, "-aec", calledAe, "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(files))
        {
            info.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = info };
        var run = new Storescu(process);
        process.OutputDataReceived += (_, e) => run.Line(e.Data);
        process.ErrorDataReceived += (_, e) => run.Line(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>Sends and waits for storescu to finish; returns its exit code.</summary>
    public static async Task<Storescu> SendAsync(string callingAe, string calledAe, int port, IEnumerable<string> files)
    {
        var run = Start(callingAe, calledAe, port, files);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await run.process.WaitForExitAsync(timeout.Token);
        run.process.WaitForExit();
        return run;
    }

    public int ExitCode => process.ExitCode;

    public async Task WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        process.Dispose();
    }

    private void Line(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.Add(line);
        }

        const string Sending = "I: Sending file: ";
        if (line.StartsWith(Sending, StringComparison.Ordinal))
        {
            current = line[Sending.Length..].Trim();
        }
        else if (line.Contains("Received Store Response (Success)", StringComparison.Ordinal) && current is not null)
        {
            lock (acknowledged)
            {
                acknowledged.Add(current);
            }
        }
    }
}
