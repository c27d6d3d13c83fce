namespace NoduleScope.Cli.Reports;

/// <summary>The series that would be used (null UID when none is usable) and why.</summary>
internal sealed record SelectionReport(string? SeriesInstanceUid, string Reason);
