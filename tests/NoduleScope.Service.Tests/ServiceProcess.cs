using System.Diagnostics;
using System.Net.Http.Json;
using NoduleScope.Service.Api;

namespace NoduleScope.Service.Tests;

/// <summary>
/// <c>nodulescope serve --config FILE</c> as a child process (the CLI built next to the tests), with its output kept
/// for diagnostics. <see cref="Kill"/> sends SIGKILL: nothing in the service gets to run after it.
/// </summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> output = [];

    private ServiceProcess(Process process, string baseUrl, string? apiKey)
    {
        this.process = process;
        Http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    public HttpClient Http { get; }

    public bool HasExited => process.HasExited;

    /// <summary>The service's process id: its worker ids are "host/PID/wN-…".</summary>
    public int ProcessId => process.Id;

    public int ExitCode => process.ExitCode;

    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    public static string CliPath => Path.Combine(AppContext.BaseDirectory, "nodulescope.dll");

    public static ServiceProcess Start(string configPath, string baseUrl, string? apiKey = null, params string[] extraArguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "exec", CliPath, "serve", "--config", configPath }.Concat(extraArguments))
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_gcServer"] = "0";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(process, baseUrl, apiKey);
        process.OutputDataReceived += (_, e) => service.Add(e.Data);
        process.ErrorDataReceived += (_, e) => service.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits until /health answers 200; fails with the service's output if it exits first.</summary>
    public async Task WaitHealthyAsync(TimeSpan? timeout = null)
    {
        await Tools.WaitUntilAsync(async () =>
        {
            if (process.HasExited)
            {
                Assert.Fail($"the service exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                return (await Http.GetAsync("/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, timeout ?? TimeSpan.FromSeconds(60), "the service to answer /health", () => Output);
    }

    public async Task<List<StudySummary>> StudiesAsync() => (await Http.GetFromJsonAsync<List<StudySummary>>("/api/studies"))!;

    public async Task<List<JobSummary>> JobsAsync(string? state = null) =>
        (await Http.GetFromJsonAsync<List<JobSummary>>("/api/jobs" + (state is null ? string.Empty : "?state=" + state)))!;

    public async Task<JobDetail> JobAsync(string id) => (await Http.GetFromJsonAsync<JobDetail>("/api/jobs/" + id))!;

    /// <summary>SIGKILL, and waits until the process is gone.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        process.WaitForExit();
        return process.ExitCode;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        process.Dispose();
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine(Output);
        }
        catch (InvalidOperationException)
        {
            // The test already finished.
        }

        return ValueTask.CompletedTask;
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
        }
    }
}
