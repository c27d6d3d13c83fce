using NoduleScope.Service.Configuration;

namespace NoduleScope.Service.Tests;

/// <summary>Service configurations for tests: everything on loopback, free ports, quick study closing, short leases.</summary>
internal static class TestConfigs
{
    public const string Ae = "NODULESCOPE";

    public static ServiceConfiguration Loopback(string storage, int dicomPort, int httpPort, params string[] allowedPeers) => new()
    {
        Storage = new StorageSettings { Root = storage, MinimumFreeBytes = 64L << 20 },
        Queue = new QueueSettings { LeaseSeconds = 3, RetryBaseSeconds = 1, RetryMaxSeconds = 5 },
        Dicom = new DicomSettings { AeTitle = Ae, BindAddress = "127.0.0.1", Port = dicomPort, AllowedPeers = [.. allowedPeers] },
        Studies = new StudySettings { CloseAfterSeconds = 3, CheckIntervalSeconds = 0.5 },
        Workers = new WorkerSettings { Count = 1, PollSeconds = 0.2 },
        Processing = new ProcessingSettings { Outputs = "sr,seg" },
        Http = new HttpSettings { Urls = [$"http://127.0.0.1:{httpPort}"] },
        AllowRunningAsRoot = true,
    };

    /// <summary>Writes <paramref name="config"/> as service.json into <paramref name="folder"/>; returns its path.</summary>
    public static string Write(ServiceConfiguration config, string folder)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "service.json");
        File.WriteAllText(path, ServiceConfigurationLoader.Serialize(config));
        return path;
    }
}
