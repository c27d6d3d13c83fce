using NoduleScope.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return CliApplication.Run(args, Console.Out, Console.Error, stdoutIsTerminal: !Console.IsOutputRedirected, cancellation.Token);
