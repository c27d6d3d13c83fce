using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Storage;

namespace NoduleScope.Service.Api;

/// <summary>
/// The result files of jobs. A requested name is served only when it is exactly one of the files listed in the job's
/// result folder, so no request can name a path of its own (hardening rule 11: no endpoint reaches arbitrary paths).
/// </summary>
internal static class ResultFiles
{
    /// <summary>Relative names ('/'-separated) of the files in the job's result folder; empty when it has none.</summary>
    public static IReadOnlyList<string> List(StorageRoot storage, JobRecord? job)
    {
        if (job?.ResultPath is not { } relative)
        {
            return [];
        }

        string folder = storage.Resolve(relative);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The full path of <paramref name="name"/> when it is one of the job's listed result files.</summary>
    public static string? Find(StorageRoot storage, JobRecord? job, string name)
    {
        if (job?.ResultPath is not { } relative || !List(storage, job).Contains(name, StringComparer.Ordinal))
        {
            return null;
        }

        return storage.Resolve(relative + "/" + name);
    }

    /// <summary>The job whose results stand for the study: the newest done job, or the one a duplicate points to.</summary>
    public static async Task<JobRecord?> LatestResultJobAsync(IJobQueue queue, string studyId, CancellationToken cancellationToken)
    {
        foreach (var job in await queue.ListJobsAsync(JobState.Done, studyId, 50, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (job.ResultPath is not null)
            {
                return job;
            }

            if (job.DuplicateOf is { } original && await queue.GetJobAsync(original, cancellationToken).ConfigureAwait(false) is { ResultPath: not null } done)
            {
                return done;
            }
        }

        return null;
    }

    public static string ContentType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".json" => "application/json",
        ".csv" => "text/csv",
        ".html" => "text/html",
        ".pdf" => "application/pdf",
        ".png" => "image/png",
        ".dcm" => "application/dicom",
        _ => "application/octet-stream",
    };
}
