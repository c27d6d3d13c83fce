namespace NoduleScope.Clinical.Comparison.Document;

/// <summary>The lung registration: current world point x ↦ prior world point Matrix·x + Translation.</summary>
public sealed record ComparisonDocumentRegistration
{
    /// <summary>Row-major 3 × 3.</summary>
    public required double[] CurrentToPriorMatrix { get; init; }

    public required double[] CurrentToPriorTranslation { get; init; }

    /// <summary>Rotation angle of the linear part (degrees).</summary>
    public required double RotationDegrees { get; init; }

    /// <summary>Volume ratio of the linear part (1 = same lung volume; > 1: the prior lungs are larger).</summary>
    public required double Determinant { get; init; }

    public required double LungDiceBefore { get; init; }

    public required double LungDiceAfter { get; init; }

    public required double Seconds { get; init; }

    public required IReadOnlyList<ComparisonDocumentRegistrationStage> Stages { get; init; }
}
