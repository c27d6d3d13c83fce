namespace NoduleScope.Clinical.Brock;

/// <summary>One term of the Brock logit: coefficient × value (the value after centring or transformation).</summary>
public sealed record BrockTerm(string Name, double Coefficient, double Value, double Contribution);
