using NoduleScope.Pipeline.Workers;

namespace NoduleScope.Service.Hosting;

/// <summary>The worker loops of this process (workers.count of them).</summary>
public sealed class WorkerPoolService(IReadOnlyList<JobWorker> workers) : BackgroundService
{
    public IReadOnlyList<JobWorker> Workers { get; } = workers;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Workers.Select(w => Task.Run(() => w.RunAsync(stoppingToken), CancellationToken.None)));
}
