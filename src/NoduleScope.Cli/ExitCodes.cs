namespace NoduleScope.Cli;

/// <summary>Process exit codes of <c>nodulescope</c> (documented in docs/cli.md).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>A bug or an environment problem (disk full, ...): the message names it, --verbose adds the stack.</summary>
    public const int UnexpectedError = 1;

    /// <summary>The input cannot be used (no DICOM, not a CT series, corrupt or truncated file, gap, unsupported syntax) or the command line is wrong.</summary>
    public const int BadInput = 2;

    /// <summary>Interrupted with Ctrl+C.</summary>
    public const int Cancelled = 130;
}
