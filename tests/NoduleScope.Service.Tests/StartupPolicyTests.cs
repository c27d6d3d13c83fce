using NoduleScope.Service.Configuration;
using NoduleScope.Service.Hosting;
using NoduleScope.Service.Security;

namespace NoduleScope.Service.Tests;

/// <summary>Hardening rule 11: no remote access without authentication, no default credentials, never root.</summary>
public sealed class StartupPolicyTests : IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://*:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://[::]:8080")]
    [InlineData("http://10.1.2.3:8080")]
    [InlineData("http://ai-node.hospital.example:8080")]
    public void Remote_listening_without_api_keys_is_refused(string url)
    {
        var config = Config(url, keys: false);
        var e = Assert.Throws<ServiceConfigurationException>(() => StartupPolicy.Check(config, runningAsRoot: false));
        Assert.Contains("no authentication is configured", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", false)]
    [InlineData("http://localhost:8080", false)]
    [InlineData("http://[::1]:8080", false)]
    [InlineData("http://0.0.0.0:8080", true)]
    public void Loopback_or_authenticated_listening_is_accepted(string url, bool keys) =>
        StartupPolicy.Check(Config(url, keys), runningAsRoot: false);

    [Fact]
    public void Running_as_root_is_refused_unless_explicitly_allowed()
    {
        var config = Config("http://127.0.0.1:8080", keys: false) with { AllowRunningAsRoot = false };
        Assert.Contains("root", Assert.Throws<ServiceConfigurationException>(() => StartupPolicy.Check(config, runningAsRoot: true)).Message, StringComparison.Ordinal);
        StartupPolicy.Check(config with { AllowRunningAsRoot = true }, runningAsRoot: true);
    }

    [Fact]
    public async Task The_host_is_not_built_and_nothing_listens_when_the_policy_refuses()
    {
        var e = await Assert.ThrowsAsync<ServiceConfigurationException>(() => ServiceHost.BuildAsync(Config("http://0.0.0.0:0", keys: false), runningAsRoot: false));
        Assert.Contains("http.apiKeys", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(folder["store/queue.db"]));
    }

    [Fact]
    public void Api_keys_are_random_and_configured_by_their_hash()
    {
        string a = ApiKeys.Generate();
        string b = ApiKeys.Generate();
        Assert.NotEqual(a, b);
        Assert.True(a.Length >= 43);
        Assert.Matches("^[0-9a-f]{64}$", ApiKeys.Hash(a));
        Assert.NotEqual(ApiKeys.Hash(a), ApiKeys.Hash(b));
    }

    private ServiceConfiguration Config(string url, bool keys) => TestConfigs.Loopback(folder["store"], 0, 0) with
    {
        Http = new HttpSettings { Urls = [url], ApiKeys = keys ? [new ApiKeySettings { Name = "ris", Sha256 = ApiKeys.Hash("k") }] : [] },
        AllowRunningAsRoot = false,
    };
}
