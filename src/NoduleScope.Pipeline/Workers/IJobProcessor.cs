using NoduleScope.Pipeline.Queue;

namespace NoduleScope.Pipeline.Workers;

/// <summary>What a <see cref="JobWorker"/> does with a claimed job.</summary>
public interface IJobProcessor
{
    /// <summary>
    /// Processes the instances (full paths) of <paramref name="job"/> and writes the results into
    /// <paramref name="resultFolder"/>; returns the result files (full paths) to send to the PACS.
    /// </summary>
    /// <exception cref="Processing.StudyInputException">The study cannot be analysed: the job fails without retries.</exception>
    Task<IReadOnlyList<string>> ProcessAsync(ClaimedJob job, IReadOnlyList<string> instancePaths, string resultFolder, CancellationToken cancellationToken);

    /// <summary>Runs after <paramref name="job"/> was recorded as done (e.g. queueing work that needed its results); failures are logged only.</summary>
    Task CompletedAsync(ClaimedJob job, CancellationToken cancellationToken) => Task.CompletedTask;
}
