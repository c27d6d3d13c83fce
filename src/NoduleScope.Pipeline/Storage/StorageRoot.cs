namespace NoduleScope.Pipeline.Storage;

/// <summary>
/// The one folder under which the service keeps everything: instances/ (content-addressed, written by the receiver),
/// incoming/ (instances being received), results/ (one folder per job attempt) and the SQLite queue. Paths recorded
/// in the queue are relative to it; every path resolved from one is checked to stay inside (hardening rule 7).
/// </summary>
public sealed class StorageRoot
{
    public StorageRoot(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(FullPath);
    }

    public string FullPath { get; }

    public string ResultsDirectory => Path.Combine(FullPath, "results");

    /// <summary>The path of <paramref name="fullPath"/> relative to the root, with '/' separators.</summary>
    /// <exception cref="ArgumentException">The path is not inside the root.</exception>
    public string Relative(string fullPath)
    {
        string full = Path.GetFullPath(fullPath);
        if (!full.StartsWith(FullPath + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("the path is not inside the storage root", nameof(fullPath));
        }

        return full[(FullPath.Length + 1)..].Replace(Path.DirectorySeparatorChar, '/');
    }

    /// <summary>The full path of a recorded relative path.</summary>
    /// <exception cref="ArgumentException">It is rooted, climbs out with "..", or otherwise leaves the root.</exception>
    public string Resolve(string relativePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relativePath);
        if (Path.IsPathRooted(relativePath) || relativePath.Split('/', '\\').Any(part => part is ".." or "." or ""))
        {
            throw new ArgumentException("not a plain relative path", nameof(relativePath));
        }

        string full = Path.GetFullPath(Path.Combine(FullPath, relativePath.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(FullPath + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException("the path leaves the storage root", nameof(relativePath));
        }

        return full;
    }

    /// <summary>A fresh folder for one attempt at a job: results/&lt;job id&gt;/&lt;attempt&gt;, emptied if a crashed attempt left it.</summary>
    public string NewResultFolder(string jobId, int attempt)
    {
        if (jobId.Length == 0 || !jobId.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("job ids are generated hexadecimal strings", nameof(jobId));
        }

        string folder = Resolve($"results/{jobId}/{attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>The user's pairings of a study with its prior (overrides/&lt;study id&gt;/pairs.json); the file may not exist.</summary>
    public string PairOverridesFile(string studyId) => StudyOverride(studyId, "pairs.json");

    /// <summary>The review audit trail of a study (overrides/&lt;study id&gt;/review.json), kept per study so that it
    /// survives the study being processed again; the file may not exist.</summary>
    public string ReviewTrailFile(string studyId) => StudyOverride(studyId, "review.json");

    private string StudyOverride(string studyId, string name)
    {
        if (studyId.Length == 0 || !studyId.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("study ids are generated hexadecimal strings", nameof(studyId));
        }

        return Resolve($"overrides/{studyId}/{name}");
    }
}
