using NoduleScope.Service.Configuration;

namespace NoduleScope.Service.Tests;

/// <summary>service.json: read with comments, paths made absolute, and every mistake refused with what to change.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_example_configuration_in_docs_loads()
    {
        string example = Path.Combine(TestSupport.SharedData.RepositoryRoot, "docs", "service.example.json");
        var config = ServiceConfigurationLoader.Load(example);
        Assert.Equal("sqlite", config.Queue.Provider);
        Assert.True(Path.IsPathRooted(config.Storage.Root));
        Assert.Empty(config.Http.ApiKeys);
        Assert.All(config.Http.Urls, u => Assert.True(Configuration.ListenAddresses.IsLoopback(u)));
        Assert.NotEmpty(config.Dicom.AllowedPeers);
        Security.StartupPolicy.Check(config, runningAsRoot: false);
    }

    [Fact]
    public void Relative_paths_are_relative_to_the_file_and_comments_are_allowed()
    {
        string path = Write("""
            {
              // where everything goes
              "storage": { "root": "data" },
              "http": { "urls": ["http://127.0.0.1:8080"] },
            }
            """);
        var config = ServiceConfigurationLoader.Load(path);
        Assert.Equal(folder["data"], config.Storage.Root);
        Assert.Equal(1, config.Workers.Count);
        Assert.Null(config.Processing.Threshold);
        Assert.Equal(new Detection.NoduleDetectorOptions().Threshold, config.Processing.EffectiveThreshold);
        Assert.StartsWith("nodulescope-" + Pipeline.Processing.StudyProcessor.SoftwareVersion + "-t0.", ServiceConfigurationLoader.ModelVersion(config), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "storage": { "root": "d" }, "storge": {} }""", "storge")]
    [InlineData("""{ "http": {} }""", "storage.root")]
    [InlineData("""{ "storage": { "root": "d" }, "queue": { "provider": "postgres" } }""", "queue.postgres")]
    [InlineData("""{ "storage": { "root": "d" }, "dicom": { "aeTitle": "A\\B" } }""", "dicom.aeTitle")]
    [InlineData("""{ "storage": { "root": "d" }, "dicom": { "allowedPeers": ["PACS"] } }""", "dicom.allowedPeers")]
    [InlineData("""{ "storage": { "root": "d" }, "processing": { "outputs": "sr" }, "pacs": { "host": "p", "aeTitle": "PACS", "send": "sr,seg" } }""", "pacs.send")]
    [InlineData("""{ "storage": { "root": "d" }, "http": { "apiKeys": [ { "name": "ris", "sha256": "my-secret-key" } ] } }""", "sha256")]
    [InlineData("""{ "storage": { "root": "d" }, "http": { "urls": ["https://127.0.0.1:8443"] } }""", "http.tls")]
    [InlineData("""{ "storage": { "root": "d" }, "dicom": { "enabled": false }, "pacs": { "host": "p", "aeTitle": "PACS", "fetchPriors": true } }""", "pacs.fetchPriors")]
    [InlineData("""{ "storage": { "root": "d" }, "processing": { "compareWithPriors": false }, "pacs": { "host": "p", "aeTitle": "PACS", "fetchPriors": true } }""", "pacs.fetchPriors")]
    public void Mistakes_are_refused_naming_the_setting(string json, string named)
    {
        var e = Assert.Throws<ServiceConfigurationException>(() => ServiceConfigurationLoader.Load(Write(json)));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    private string Write(string json)
    {
        string path = folder["service.json"];
        File.WriteAllText(path, json);
        return path;
    }
}
