namespace NoduleScope.Clinical.Brock;

/// <summary>The lowest and highest probability over the possible values of the unknown yes/no inputs.</summary>
public sealed record ProbabilityRange(double Lowest, double Highest);
