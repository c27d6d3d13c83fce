namespace NoduleScope.Detection;

public sealed record StageTiming(string Stage, double Seconds);
