namespace NoduleScope.Cli;

/// <summary>The input given on the command line cannot be used; reported as <c>nodulescope: path: problem</c> with exit code 2.</summary>
internal sealed class InputProblemException : Exception
{
    public InputProblemException(string path, string problem) : base($"{path}: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }

    public string Problem { get; }
}
