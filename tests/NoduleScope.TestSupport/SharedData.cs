namespace NoduleScope.TestSupport;

/// <summary>
/// Locates the read-only development data in ../shared (next to the repository). Tests that need it call
/// <see cref="Require"/>, which skips the test with a clear message when the folder is absent.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> RootPath = new(FindRoot);

    /// <summary>The shared folder, or null when it cannot be found.</summary>
    public static string? Root => RootPath.Value;

    /// <summary>Full path of <paramref name="relative"/> under the shared folder; skips the test when absent.</summary>
    public static string Require(string relative)
    {
        string? root = Root;
        if (root is null)
        {
            Xunit.Assert.Skip($"shared data not found (set NODULESCOPE_SHARED or place ../shared next to the repository); needs {relative}");
        }

        string full = Path.Combine(root!, relative);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            Xunit.Assert.Skip($"shared data '{relative}' not found under {root}");
        }

        return full;
    }

    /// <summary>The repository root (the folder holding NoduleScope.slnx).</summary>
    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NoduleScope.slnx")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("NoduleScope.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    private static string? FindRoot()
    {
        string? env = Environment.GetEnvironmentVariable("NODULESCOPE_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env))
        {
            return Path.GetFullPath(env);
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            string candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "dicom-corpus")) || Directory.Exists(Path.Combine(candidate, "data")))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        return null;
    }
}
