namespace NoduleScope.Fuzz;

/// <summary>
/// One fuzz target: code run on every input afl-fuzz makes, and the seeds it starts from. An input may end in the
/// documented, typed errors of the code under test (<see cref="ExpectedFailures"/>); anything else escaping
/// <see cref="Run"/> is a crash for afl-fuzz. To add a target, implement this
/// interface and list it in <see cref="FuzzTargets.All"/>; fuzz/run.sh and docs/security.md take it from there.
/// </summary>
internal interface IFuzzTarget
{
    /// <summary>The name given to fuzz/run.sh and the fuzz program, e.g. "dicom-reader".</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>The assemblies (file names next to the program) that SharpFuzz instruments for this target's coverage.</summary>
    IReadOnlyList<string> InstrumentedAssemblies { get; }

    void Run(ReadOnlySpan<byte> input);

    /// <summary>Starting inputs: small generated ones, plus ones taken from <paramref name="corpusFolder"/> when given.</summary>
    IEnumerable<FuzzSeed> Seeds(string? corpusFolder);
}
