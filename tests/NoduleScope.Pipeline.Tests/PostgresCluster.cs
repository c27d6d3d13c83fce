using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

[assembly: AssemblyFixture(typeof(NoduleScope.Pipeline.Tests.PostgresCluster))]

namespace NoduleScope.Pipeline.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: Debian's postgresql binaries (initdb, pg_ctl) in a temp folder, on
/// a free loopback port. initdb refuses root, so as root the cluster belongs to 'nobody' and the tools run through
/// runuser. Tests call <see cref="CreateDatabaseAsync"/>, which skips them with the reason when no cluster could start.
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private string? folder;
    private string? binaries;
    private bool asNobody;

    /// <summary>Why there is no cluster; null once it runs.</summary>
    public string? Unavailable { get; private set; } = "not started";

    public int Port { get; private set; }

    public async ValueTask InitializeAsync()
    {
        binaries = FindBinaries();
        if (binaries is null)
        {
            Unavailable = "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb; apt-get install postgresql)";
            return;
        }

        asNobody = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root" || IsRoot();
        if (asNobody && !File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser"))
        {
            Unavailable = "running as root and runuser (util-linux) is missing: initdb refuses to run as root";
            return;
        }

        folder = Directory.CreateTempSubdirectory("nodulescope-pg-").FullName;
        string data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        if (asNobody)
        {
            await RunAsync("chown", ["-R", "nobody", folder]).ConfigureAwait(false);
        }

        var (code, output) = await RunPgAsync("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]).ConfigureAwait(false);
        if (code != 0)
        {
            Unavailable = "initdb failed: " + output;
            return;
        }

        Port = FreePort();
        string options = string.Create(CultureInfo.InvariantCulture, $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c max_connections=200");
        (code, output) = await RunPgAsync("pg_ctl", ["-D", data, "-o", options, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "start"]).ConfigureAwait(false);
        if (code != 0)
        {
            string log = File.Exists(Path.Combine(folder, "server.log")) ? File.ReadAllText(Path.Combine(folder, "server.log")) : string.Empty;
            Unavailable = $"pg_ctl start failed: {output} {log}";
            return;
        }

        Unavailable = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (folder is null)
        {
            return;
        }

        if (Unavailable is null)
        {
            await RunPgAsync("pg_ctl", ["-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop"]).ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The OS temp cleaner gets it.
        }
    }

    /// <summary>A new empty database for one test; skips the test when there is no cluster.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (Unavailable is not null)
        {
            Assert.Skip("no PostgreSQL for this test: " + Unavailable);
        }

        string name = "t" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await cmd.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50;Timeout=30");

    private static string? FindBinaries()
    {
        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
        {
            return null;
        }

        return Directory.GetDirectories(Root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
            .OrderByDescending(b => b.EndsWith("/15/bin", StringComparison.Ordinal))
            .ThenByDescending(b => b, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static bool IsRoot()
    {
        try
        {
            return File.ReadLines("/proc/self/status").Any(l => l.StartsWith("Uid:", StringComparison.Ordinal) && l.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1] == "0");
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private Task<(int, string)> RunPgAsync(string tool, IReadOnlyList<string> arguments)
    {
        string path = Path.Combine(binaries!, tool);
        return asNobody ? RunAsync("runuser", ["-u", "nobody", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task<(int, string)> RunAsync(string file, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (string a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        return (process.ExitCode, (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false)));
    }
}
