using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NoduleScope.Service.Tests;

/// <summary>
/// Orthanc (Debian package 'orthanc'), a real PACS, as a child process with a generated configuration in a temp
/// folder: DICOM and HTTP on free loopback ports, no plugins, our receiver registered as a DICOM modality.
/// </summary>
internal sealed class OrthancServer : IAsyncDisposable
{
    public const string AeTitle = "ORTHANC";
    private readonly Process process;
    private readonly List<string> log = [];

    private OrthancServer(Process process, int httpPort, int dicomPort)
    {
        this.process = process;
        DicomPort = dicomPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromMinutes(2) };
    }

    public int DicomPort { get; }

    public HttpClient Http { get; }

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

    /// <summary>Starts Orthanc; skips the test when it is not installed.</summary>
    public static async Task<OrthancServer> StartAsync(string folder, string modalityName, string modalityAe, int modalityPort)
    {
        string binary = Tools.Require("Orthanc", "apt-get install orthanc", "/usr/sbin/Orthanc", "/usr/bin/Orthanc");
        int httpPort = Tools.FreePort();
        int dicomPort = Tools.FreePort();
        Directory.CreateDirectory(folder);
        var config = new JsonObject
        {
            ["Name"] = "NoduleScope test PACS",
            ["StorageDirectory"] = Path.Combine(folder, "db"),
            ["IndexDirectory"] = Path.Combine(folder, "db"),
            ["HttpPort"] = httpPort,
            ["DicomPort"] = dicomPort,
            ["DicomAet"] = AeTitle,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["Plugins"] = new JsonArray(),
            ["StorageCompression"] = false,
            ["DicomCheckCalledAet"] = true,
            ["DicomModalities"] = new JsonObject { [modalityName] = new JsonArray(modalityAe, "127.0.0.1", modalityPort) },
        };
        string configPath = Path.Combine(folder, "orthanc.json");
        await File.WriteAllTextAsync(configPath, config.ToJsonString());

        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder };
        info.ArgumentList.Add(configPath);
        var process = new Process { StartInfo = info };
        var server = new OrthancServer(process, httpPort, dicomPort);
        process.OutputDataReceived += (_, e) => server.Add(e.Data);
        process.ErrorDataReceived += (_, e) => server.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Tools.WaitUntilAsync(async () =>
        {
            Assert.False(process.HasExited, "Orthanc exited:\n" + server.Log);
            try
            {
                return (await server.Http.GetAsync("/system")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromMinutes(1), "Orthanc to answer /system", () => server.Log);
        return server;
    }

    /// <summary>Uploads DICOM files with the REST API; returns Orthanc's id of their study.</summary>
    public async Task<string> UploadAsync(IEnumerable<string> files)
    {
        string? study = null;
        foreach (string file in files)
        {
            using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
            var response = await Http.PostAsync("/instances", content);
            response.EnsureSuccessStatusCode();
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            study = answer.RootElement.GetProperty("ParentStudy").GetString();
        }

        return study ?? throw new InvalidOperationException("nothing uploaded");
    }

    /// <summary>Asks Orthanc to C-STORE a study to a configured modality (synchronously).</summary>
    public async Task StoreToModalityAsync(string modality, string studyId)
    {
        var response = await Http.PostAsync($"/modalities/{modality}/store", new StringContent(studyId));
        Assert.True(response.IsSuccessStatusCode, $"Orthanc's C-STORE to {modality} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{Log}");
    }

    /// <summary>Modality and SOP class of every instance of the study, as Orthanc has them.</summary>
    public async Task<List<(string Modality, string SopClassUid)>> InstancesOfStudyAsync(string studyId)
    {
        var result = new List<(string, string)>();
        var series = await Http.GetFromJsonAsync<JsonElement>($"/studies/{studyId}/series");
        foreach (var s in series.EnumerateArray())
        {
            string modality = s.GetProperty("MainDicomTags").TryGetProperty("Modality", out var m) ? m.GetString() ?? string.Empty : string.Empty;
            foreach (var instance in s.GetProperty("Instances").EnumerateArray())
            {
                var tags = await Http.GetFromJsonAsync<JsonElement>($"/instances/{instance.GetString()}/simplified-tags");
                result.Add((modality, tags.GetProperty("SOPClassUID").GetString() ?? string.Empty));
            }
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        Http.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.Add(line.ToString(CultureInfo.InvariantCulture));
            }
        }
    }
}
