namespace NoduleScope.Reporting.Outputs;

/// <summary>The files <see cref="ResultsWriter"/> wrote, and why any requested output was not written.</summary>
public sealed record WrittenOutputs(IReadOnlyList<string> Files, IReadOnlyList<string> Warnings);
