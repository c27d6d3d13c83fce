namespace NoduleScope.Clinical.Brock;

/// <summary>An input that was not known, the value used in its place, and why.</summary>
public sealed record AssumedInput(string Input, string AssumedValue, string Reason);
