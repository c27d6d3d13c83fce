using NoduleScope.Pipeline.Sending;

namespace NoduleScope.Service.Hosting;

/// <summary>Runs the <see cref="ResultSender"/> when a PACS is configured.</summary>
public sealed class ResultSenderService(ResultSender sender) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => sender.RunAsync(stoppingToken), stoppingToken);
}
