namespace NoduleScope.Fuzz;

/// <summary>
/// A target's name and how to make it. Targets are made only when needed: instrumented code may run only inside
/// SharpFuzz's fuzzing loop (it writes to afl's coverage map), so nothing of it may run while the program starts.
/// </summary>
internal sealed record FuzzTargetEntry(string Name, Func<IFuzzTarget> Create);
