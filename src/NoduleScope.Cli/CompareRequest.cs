using NoduleScope.Clinical;

namespace NoduleScope.Cli;

/// <summary>The arguments of one <c>compare</c> run.</summary>
internal sealed record CompareRequest
{
    public required string PriorPath { get; init; }

    public required string CurrentPath { get; init; }

    public required string Output { get; init; }

    public string? PriorDate { get; init; }

    public string? CurrentDate { get; init; }

    public string? PairsPath { get; init; }

    public string? PriorFindingsPath { get; init; }

    public string? CurrentFindingsPath { get; init; }

    public double Threshold { get; init; } = Detection.NoduleDetectorOptions.DefaultThreshold;

    public PatientContext Patient { get; init; } = PatientContext.Unknown;

    public ExamPurpose Purpose { get; init; } = ExamPurpose.Unknown;
}
