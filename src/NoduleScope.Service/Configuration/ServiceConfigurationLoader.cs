using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using NoduleScope.Dicom.Network;
using NoduleScope.Reporting.Outputs;

namespace NoduleScope.Service.Configuration;

/// <summary>Reads service.json: camelCase names, comments allowed, unknown names refused (a typo must not silently
/// fall back to a default); relative paths are made relative to the file's folder; every value is checked.</summary>
public static class ServiceConfigurationLoader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <exception cref="ServiceConfigurationException">Unreadable or invalid.</exception>
    public static ServiceConfiguration Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ServiceConfiguration? config;
        try
        {
            using var stream = File.OpenRead(path);
            config = JsonSerializer.Deserialize<ServiceConfiguration>(stream, Json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ServiceConfigurationException($"{path}: cannot read: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new ServiceConfigurationException($"{path}: {e.Message}", e);
        }

        if (config is null)
        {
            throw new ServiceConfigurationException($"{path}: empty configuration");
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        config = Resolve(config, folder);
        Validate(config);
        return config;
    }

    /// <summary>Serialises a configuration as service.json (for tests and examples).</summary>
    public static string Serialize(ServiceConfiguration config) => JsonSerializer.Serialize(config, new JsonSerializerOptions(Json) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull });

    /// <summary>Makes every path absolute against <paramref name="folder"/>.</summary>
    public static ServiceConfiguration Resolve(ServiceConfiguration config, string folder)
    {
        ArgumentNullException.ThrowIfNull(config);
        string? Abs(string? p) => string.IsNullOrWhiteSpace(p) ? p : Path.GetFullPath(Path.Combine(folder, p));
        TlsSettings? Tls(TlsSettings? t) => t is null ? null : t with { Certificate = Abs(t.Certificate)!, Key = Abs(t.Key)!, TrustedAuthorities = Abs(t.TrustedAuthorities) };
        return config with
        {
            Storage = config.Storage with { Root = Abs(config.Storage.Root) ?? string.Empty },
            Queue = config.Queue with { SqlitePath = Abs(config.Queue.SqlitePath) },
            Dicom = config.Dicom with { Tls = Tls(config.Dicom.Tls) },
            Pacs = config.Pacs is null ? null : config.Pacs with { Tls = Tls(config.Pacs.Tls) },
            Http = config.Http with { Tls = Tls(config.Http.Tls) },
        };
    }

    /// <exception cref="ServiceConfigurationException">The first problem found.</exception>
    public static void Validate(ServiceConfiguration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        Require(!string.IsNullOrWhiteSpace(c.Storage.Root), "storage.root is required");
        Require(c.Storage.MinimumFreeBytes >= 0, "storage.minimumFreeBytes must not be negative");
        Require(c.Queue.Provider is "sqlite" or "postgres", "queue.provider must be \"sqlite\" or \"postgres\"");
        Require(c.Queue.Provider != "postgres" || !string.IsNullOrWhiteSpace(c.Queue.Postgres), "queue.postgres (a connection string) is required with queue.provider \"postgres\"");
        Require(c.Queue.LeaseSeconds >= 1, "queue.leaseSeconds must be at least 1");
        Require(c.Queue.MaxAttempts >= 1, "queue.maxAttempts must be at least 1");
        Require(c.Queue.RetryBaseSeconds >= 0 && c.Queue.RetryMaxSeconds >= c.Queue.RetryBaseSeconds, "queue.retryBaseSeconds must be 0 or more and at most queue.retryMaxSeconds");
        Require(c.Studies.CloseAfterSeconds > 0, "studies.closeAfterSeconds must be positive");
        Require(c.Studies.CheckIntervalSeconds > 0, "studies.checkIntervalSeconds must be positive");
        Require(c.Workers.Count is >= 0 and <= 64, "workers.count must be 0 to 64");
        Require(c.Workers.PollSeconds > 0, "workers.pollSeconds must be positive");
        Require(c.Processing.Threshold is null or (>= 0 and <= 1), "processing.threshold must be between 0 and 1");
        var outputs = Kinds(c.Processing.Outputs, "processing.outputs");
        if (c.Dicom.Enabled)
        {
            AeTitleRule.Validate(c.Dicom.AeTitle, "dicom.aeTitle");
            Require(IPAddress.TryParse(c.Dicom.BindAddress, out _), $"dicom.bindAddress '{c.Dicom.BindAddress}' is not an IP address");
            Require(c.Dicom.Port is >= 0 and <= 65535, "dicom.port must be 0 (any free port) to 65535");
            Require(c.Dicom.MaxAssociations >= 1, "dicom.maxAssociations must be at least 1");
            foreach (string peer in c.Dicom.AllowedPeers)
            {
                Try(() => DicomAllowedPeer.Parse(peer), "dicom.allowedPeers");
            }

            ValidateTls(c.Dicom.Tls, "dicom.tls", requireAuthorities: true);
        }

        if (c.Pacs is { } pacs)
        {
            Require(!string.IsNullOrWhiteSpace(pacs.Host), "pacs.host is required");
            Require(pacs.Port is > 0 and <= 65535, "pacs.port must be 1 to 65535");
            AeTitleRule.Validate(pacs.AeTitle, "pacs.aeTitle");
            AeTitleRule.Validate(pacs.CallingAeTitle ?? c.Dicom.AeTitle, "pacs.callingAeTitle");
            Require(pacs.MaxAttempts >= 1, "pacs.maxAttempts must be at least 1");
            Require(pacs.RetryBaseSeconds >= 0 && pacs.RetryMaxSeconds >= pacs.RetryBaseSeconds, "pacs.retryBaseSeconds must be 0 or more and at most pacs.retryMaxSeconds");
            var send = Kinds(pacs.Send, "pacs.send");
            Require((send & ~OutputKinds.Dicom) == OutputKinds.None, "pacs.send lists DICOM results only: sr, seg, sc, epdf");
            Require((send & ~outputs) == OutputKinds.None, $"pacs.send asks for {OutputKindsParser.Format(send & ~outputs)}, which processing.outputs does not write");
            ValidateTls(pacs.Tls, "pacs.tls", requireAuthorities: true);
            Require(!pacs.FetchPriors || (c.Dicom.Enabled && c.Processing.CompareWithPriors), "pacs.fetchPriors needs dicom.enabled (the PACS sends the prior to our receiver) and processing.compareWithPriors");
        }

        Require(c.Http.Urls.Count > 0, "http.urls must list at least one URL");
        foreach (string url in c.Http.Urls)
        {
            Require(ListenAddresses.TryParse(url, out _, out bool https), $"http.urls: '{url}' is not an http:// or https:// URL with a port");
            Require(!https || c.Http.Tls is not null, $"http.urls: '{url}' needs http.tls (certificate and key)");
        }

        foreach (var key in c.Http.ApiKeys)
        {
            Require(!string.IsNullOrWhiteSpace(key.Name), "http.apiKeys: every key needs a name");
            Require(key.Sha256.Length == 64 && key.Sha256.All(char.IsAsciiHexDigitLower), $"http.apiKeys '{key.Name}': sha256 must be 64 lower-case hexadecimal digits (the hash, never the key)");
        }

        ValidateTls(c.Http.Tls, "http.tls", requireAuthorities: false);
    }

    /// <summary>The model version jobs are recorded under: configured, or the software version and threshold.</summary>
    public static string ModelVersion(ServiceConfiguration c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return string.IsNullOrWhiteSpace(c.Processing.ModelVersion)
            ? string.Create(CultureInfo.InvariantCulture, $"nodulescope-{Pipeline.Processing.StudyProcessor.SoftwareVersion}-t{c.Processing.EffectiveThreshold:0.###}")
            : c.Processing.ModelVersion;
    }

    private static OutputKinds Kinds(string text, string name)
    {
        try
        {
            return OutputKindsParser.Parse(text);
        }
        catch (FormatException e)
        {
            throw new ServiceConfigurationException($"{name}: {e.Message}", e);
        }
    }

    private static void ValidateTls(TlsSettings? tls, string name, bool requireAuthorities)
    {
        if (tls is null)
        {
            return;
        }

        Require(File.Exists(tls.Certificate), $"{name}.certificate: file '{tls.Certificate}' not found");
        Require(File.Exists(tls.Key), $"{name}.key: file '{tls.Key}' not found");
        Require(!requireAuthorities || (tls.TrustedAuthorities is not null && File.Exists(tls.TrustedAuthorities)), $"{name}.trustedAuthorities: a PEM file of the CAs to trust is required");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ServiceConfigurationException(message);
        }
    }

    private static void Try(Action check, string name)
    {
        try
        {
            check();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new ServiceConfigurationException($"{name}: {e.Message}", e);
        }
    }
}
