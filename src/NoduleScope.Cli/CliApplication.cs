using System.CommandLine;

namespace NoduleScope.Cli;

/// <summary>
/// The <c>nodulescope</c> command line: builds the commands, parses, runs, and turns every failure into one line on
/// stderr and an exit code (<see cref="ExitCodes"/>). Runs in-process for tests with any pair of writers.
/// </summary>
internal static class CliApplication
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdout, stderr, stdoutIsTerminal: false, CancellationToken.None);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stdoutIsTerminal, CancellationToken cancellationToken)
    {
        var session = new CliSession(stdout, stderr, stdoutIsTerminal, cancellationToken);
        var verbose = new Option<bool>("--verbose") { Description = "Print the stack trace of unexpected errors", Recursive = true };
        var progress = new Option<bool>("--progress") { Description = "Show progress bars (on stderr) even when stdout is not a terminal", Recursive = true };
        var root = new RootCommand("NoduleScope: chest CT nodule detection. Reads DICOM (files, folders, zip, DICOMDIR), NIfTI and MetaImage.")
        {
            verbose,
            progress,
            InfoCommand.Create(session),
            ConvertCommand.Create(session),
            DetectCommand.Create(session),
            DemoCommand.Create(session),
            SynthCommand.Create(session),
            EvaluateCommand.Create(session),
            DeidentifyCommand.Create(session),
            TrainCommand.Create(session),
            CharacterizeCommand.Create(session),
            CompareCommand.Create(session),
            ServeCommand.Create(session),
            ReviewCommand.Create(session),
        };

        try
        {
            var parseResult = root.Parse(args);
            session.Verbose = parseResult.GetValue(verbose);
            session.ProgressRequested = parseResult.GetValue(progress);
            if (parseResult.Errors.Count > 0)
            {
                stderr.WriteLine($"{ErrorReporter.Prefix}{DisplayText.Clean(MostSpecificError(parseResult))} (see 'nodulescope --help')");
                return ExitCodes.BadInput;
            }

            return parseResult.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return ErrorReporter.Report(e, session.InputPath, session);
        }
    }

    /// <summary>"Unrecognized command 'x'" says more than the "Required command was not provided" reported with it.</summary>
    private static string MostSpecificError(ParseResult parseResult)
    {
        foreach (var error in parseResult.Errors)
        {
            if (error.Message.StartsWith("Unrecognized", StringComparison.Ordinal))
            {
                return error.Message;
            }
        }

        return parseResult.Errors[0].Message;
    }
}
