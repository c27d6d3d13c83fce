using NoduleScope.Pipeline.Assembly;

namespace NoduleScope.Service.Hosting;

/// <summary>Runs the <see cref="StudyCloser"/>: idle studies are closed and queued, jobs of dead workers recovered.</summary>
public sealed class StudyCloserService(StudyCloser closer) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => closer.RunAsync(stoppingToken), stoppingToken);
}
