namespace NoduleScope.Reporting.Findings;

public sealed record FindingsLungs(double RightVolumeMl, double LeftVolumeMl, bool AirwayRemoved);
