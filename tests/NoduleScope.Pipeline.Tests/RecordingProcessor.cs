using System.Collections.Concurrent;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Workers;

namespace NoduleScope.Pipeline.Tests;

/// <summary>A processor that records which worker processed which job, writes one result file, and can be told to fail.</summary>
internal sealed class RecordingProcessor(TimeSpan work, Func<ClaimedJob, Exception?>? failure = null) : IJobProcessor
{
    public ConcurrentBag<(string JobId, string WorkerId, int InstanceCount)> Processed { get; } = [];

    public async Task<IReadOnlyList<string>> ProcessAsync(ClaimedJob job, IReadOnlyList<string> instancePaths, string resultFolder, CancellationToken cancellationToken)
    {
        await Task.Delay(work, cancellationToken);
        if (failure?.Invoke(job) is { } e)
        {
            throw e;
        }

        Processed.Add((job.JobId, job.WorkerId, instancePaths.Count));
        string file = Path.Combine(resultFolder, "dicom", "SR.dcm");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, job.JobId, cancellationToken);
        return [file];
    }
}
