namespace NoduleScope.Pipeline.Processing;

/// <summary>The files <see cref="StudyProcessor.Write"/> wrote into one folder.</summary>
/// <param name="ResultFiles">The files of the requested outputs (SR, SEG, reports, ...), besides findings.json and candidates.csv.</param>
/// <param name="Warnings">Why a requested output was not written.</param>
public sealed record StudyOutputs(string FindingsPath, string CandidatesPath, IReadOnlyList<string> ResultFiles, IReadOnlyList<string> Warnings);
