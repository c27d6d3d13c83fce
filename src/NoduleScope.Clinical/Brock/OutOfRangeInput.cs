namespace NoduleScope.Clinical.Brock;

/// <summary>An input outside the range the model is used in; the probability is still computed (extrapolated).</summary>
public sealed record OutOfRangeInput(string Input, double Value, double Minimum, double Maximum, string Message);
