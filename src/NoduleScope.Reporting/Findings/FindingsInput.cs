namespace NoduleScope.Reporting.Findings;

/// <summary>What was analysed: identifiers (empty for non-DICOM input) and the volume geometry.</summary>
public sealed record FindingsInput
{
    public required string Path { get; init; }

    public string? StudyInstanceUid { get; init; }

    public string? SeriesInstanceUid { get; init; }

    public string? FrameOfReferenceUid { get; init; }

    public required int[] Size { get; init; }

    public required double[] Spacing { get; init; }

    public required double[] Origin { get; init; }

    /// <summary>Direction cosines of the x, y and z index axes, 9 numbers.</summary>
    public required double[] Direction { get; init; }
}
