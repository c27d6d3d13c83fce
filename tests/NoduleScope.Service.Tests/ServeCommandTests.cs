using NoduleScope.Service.Configuration;
using NoduleScope.Service.Security;

namespace NoduleScope.Service.Tests;

/// <summary><c>nodulescope serve</c> as an operator runs it.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Serve_refuses_to_start_on_all_addresses_without_authentication()
    {
        var config = TestConfigs.Loopback(folder["store"], Tools.FreePort(), 0) with { Http = new HttpSettings { Urls = ["http://0.0.0.0:" + Tools.FreePort()] } };
        await using var service = ServiceProcess.Start(TestConfigs.Write(config, folder.Path), "http://127.0.0.1:1");
        Assert.Equal(2, await service.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.Contains("no authentication is configured", service.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder["store/instances"]));
    }

    [Fact]
    public async Task Serve_answers_with_its_api_key_only_once_keys_are_configured()
    {
        int http = Tools.FreePort();
        await using var keyRun = ServiceProcess.Start("unused", "http://127.0.0.1:1", null, "--new-api-key");
        Assert.Equal(0, await keyRun.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        var lines = keyRun.Output.Split('\n');
        string key = lines.Single(l => l.StartsWith("API key", StringComparison.Ordinal)).Split(':')[1].Trim();
        string hash = lines.Single(l => l.StartsWith("sha256", StringComparison.Ordinal)).Split(':')[1].Trim();
        Assert.Equal(ApiKeys.Hash(key), hash);

        var config = TestConfigs.Loopback(folder["store"], Tools.FreePort(), 0) with
        {
            Http = new HttpSettings { Urls = ["http://0.0.0.0:" + http], ApiKeys = [new ApiKeySettings { Name = "ris", Sha256 = hash }] },
        };
        await using var service = ServiceProcess.Start(TestConfigs.Write(config, folder.Path), "http://127.0.0.1:" + http, key);
        await service.WaitHealthyAsync();
        Assert.Empty(await service.StudiesAsync());
        using var anonymous = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + http) };
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/studies")).StatusCode);
    }
}
