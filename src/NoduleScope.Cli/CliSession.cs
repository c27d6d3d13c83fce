using Spectre.Console;

namespace NoduleScope.Cli;

/// <summary>
/// Where one invocation writes: plain text writers for results and errors, a Spectre console over stdout for tables,
/// and progress bars on stderr when stdout is a terminal or <c>--progress</c> was given.
/// </summary>
internal sealed class CliSession
{
    private readonly bool stdoutIsTerminal;

    public CliSession(TextWriter stdout, TextWriter stderr, bool stdoutIsTerminal, CancellationToken cancellationToken)
    {
        Out = stdout;
        Error = stderr;
        this.stdoutIsTerminal = stdoutIsTerminal;
        CancellationToken = cancellationToken;
        Console = CreateConsole(stdout, stdoutIsTerminal);
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Spectre.Console over stdout, for drawing tables when stdout is a terminal.</summary>
    public IAnsiConsole Console { get; }

    public bool IsTerminal => stdoutIsTerminal;

    public CancellationToken CancellationToken { get; }

    public bool Verbose { get; set; }

    /// <summary>The input being worked on, named in error messages that do not name a file themselves.</summary>
    public string? InputPath { get; set; }

    public bool ProgressRequested { get; set; }

    public bool ShowProgress => ProgressRequested || stdoutIsTerminal;

    /// <summary>Runs <paramref name="work"/> with one progress bar on stderr, or with an inert bar when progress is not shown.</summary>
    public T WithProgress<T>(string description, Func<ProgressBar, T> work)
    {
        if (!ShowProgress)
        {
            return work(ProgressBar.None);
        }

        var console = CreateConsole(Error, ReferenceEquals(Error, System.Console.Error) && !System.Console.IsErrorRedirected);
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var bar = new ProgressBar(context.AddTask(description, autoStart: true, maxValue: 1));
                T result = work(bar);
                bar.Complete();
                return result;
            });
    }

    private static IAnsiConsole CreateConsole(TextWriter writer, bool terminal) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        Out = new AnsiConsoleOutput(writer),
    });
}
