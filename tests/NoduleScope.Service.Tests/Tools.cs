using System.Net;
using System.Net.Sockets;

namespace NoduleScope.Service.Tests;

/// <summary>External programs the integration tests drive; a test that needs a missing one is skipped with the reason.</summary>
internal static class Tools
{
    /// <summary>The full path of <paramref name="name"/> on PATH (or one of <paramref name="extra"/>); skips the test when absent.</summary>
    public static string Require(string name, string install, params string[] extra)
    {
        foreach (string candidate in extra.Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, name))))
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Skip($"{name} is not installed ({install})");
        return name;
    }

    /// <summary>A TCP port that was free a moment ago on loopback.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? diagnostics = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeout.TotalSeconds:0} s waiting for {what}{(diagnostics is null ? string.Empty : "\n" + diagnostics())}");
            }

            await Task.Delay(100);
        }
    }
}
