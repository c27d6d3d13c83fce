namespace NoduleScope.Fuzz;

/// <summary>A starting input of a fuzz target; <see cref="Name"/> becomes its file name (plain characters only).</summary>
internal sealed record FuzzSeed(string Name, byte[] Data);
