namespace NoduleScope.Service.Review;

/// <summary>
/// Finds the bundled review page (web/dist, built by web/build.sh): the folder named by NODULESCOPE_REVIEW_WEB, else
/// web/dist in the first folder above the running program that has one.
/// </summary>
public static class ReviewWebRoot
{
    public const string EnvironmentVariable = "NODULESCOPE_REVIEW_WEB";

    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return IsBundle(configured) ? Path.GetFullPath(configured) : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "web", "dist");
            if (IsBundle(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static bool IsBundle(string folder) =>
        File.Exists(Path.Combine(folder, "index.html")) && File.Exists(Path.Combine(folder, "review.js")) && File.Exists(Path.Combine(folder, "review.css"));
}
