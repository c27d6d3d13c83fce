namespace NoduleScope.Reporting.Findings;

/// <summary>
/// The content of findings.json (schema <see cref="SchemaId"/>, documented in docs/findings-schema.md). World
/// coordinates are DICOM patient coordinates (LPS, mm); voxel indices refer to the input volume's grid.
/// </summary>
public sealed record FindingsDocument
{
    public const string SchemaId = "nodulescope.findings/0.2";

    public string Schema { get; init; } = SchemaId;

    public required FindingsSoftware Software { get; init; }

    public required FindingsInput Input { get; init; }

    public required IReadOnlyList<FindingsStage> Stages { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    public required double Threshold { get; init; }

    public required FindingsLungs Lungs { get; init; }

    public required int CandidateCount { get; init; }

    public required IReadOnlyList<FindingsNodule> Findings { get; init; }

    /// <summary>Exam-level Lung-RADS and Fleischner guidance; null until characterised.</summary>
    public FindingsGuidance? Guidance { get; init; }
}
