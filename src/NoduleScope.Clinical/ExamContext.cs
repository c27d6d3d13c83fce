namespace NoduleScope.Clinical;

/// <summary>The exam the nodules come from.</summary>
public sealed record ExamContext
{
    /// <summary>Number of nodules reported on this exam (Brock's nodule count, Fleischner's single vs multiple).</summary>
    public required int NoduleCount { get; init; }

    public ExamRound Round { get; init; } = ExamRound.Baseline;

    public ExamPurpose Purpose { get; init; } = ExamPurpose.Unknown;
}
