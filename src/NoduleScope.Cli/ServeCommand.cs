using System.CommandLine;
using NoduleScope.Service.Configuration;
using NoduleScope.Service.Hosting;
using NoduleScope.Service.Security;

namespace NoduleScope.Cli;

/// <summary>
/// <c>nodulescope serve --config service.json</c>: runs the service (DICOM receiver, workers, PACS sender, REST API;
/// docs/service.md) until Ctrl+C or SIGTERM. <c>--new-api-key</c> prints a key and the hash to configure.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CliSession session)
    {
        var config = new Option<string?>("--config") { Description = "Service configuration file (docs/service.md)", HelpName = "file" };
        var newApiKey = new Option<bool>("--new-api-key") { Description = "Print a new API key and the SHA-256 to list in http.apiKeys, then exit" };
        var command = new Command("serve", "Run the hospital service: DICOM receiver, processing workers, PACS sender and REST API") { config, newApiKey };
        command.SetAction(parseResult => Execute(session, parseResult.GetValue(config), parseResult.GetValue(newApiKey)));
        return command;
    }

    public static int Execute(CliSession session, string? configPath, bool newApiKey)
    {
        if (newApiKey)
        {
            string key = ApiKeys.Generate();
            session.Out.WriteLine($"API key (give it to the client; it is stored nowhere): {key}");
            session.Out.WriteLine($"sha256 for http.apiKeys in service.json:            {ApiKeys.Hash(key)}");
            return ExitCodes.Ok;
        }

        if (configPath is null)
        {
            throw new InputProblemException("serve", "--config is required (see docs/service.md for service.json)");
        }

        session.InputPath = configPath;
        try
        {
            ServiceHost.RunAsync(configPath, session.CancellationToken).GetAwaiter().GetResult();
        }
        catch (ServiceConfigurationException e)
        {
            throw new InputProblemException(configPath, e.Message);
        }
        catch (OperationCanceledException) when (session.CancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the host stopped gracefully.
        }

        return ExitCodes.Ok;
    }
}
