namespace NoduleScope.Cli.Reports;

/// <summary>What <c>nodulescope info --json</c> prints. Property names are part of the CLI contract (docs/cli.md).</summary>
internal sealed record InfoReport(
    string Input,
    int FilesSeen,
    int NonDicomSkipped,
    IReadOnlyList<string> Errors,
    IReadOnlyList<SeriesReport> Series,
    SelectionReport? Selected,
    VolumeReport? Volume);
