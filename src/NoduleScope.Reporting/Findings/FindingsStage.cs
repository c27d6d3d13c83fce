namespace NoduleScope.Reporting.Findings;

public sealed record FindingsStage(string Name, double Seconds);
