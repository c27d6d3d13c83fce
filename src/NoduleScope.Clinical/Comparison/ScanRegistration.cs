using NoduleScope.Imaging.Registration;

namespace NoduleScope.Clinical.Comparison;

/// <summary>
/// The alignment of the prior CT to the current one: <see cref="CurrentToPrior"/> maps a current world point (LPS mm) to
/// the same anatomy in the prior scan's world frame.
/// </summary>
/// <param name="LungDiceBefore">Overlap of the lung masks (4 mm grid) with the scanners' own coordinates.</param>
/// <param name="LungDiceAfter">Overlap after registration; low values (below about 0.85) mean the alignment is doubtful.</param>
/// <param name="Stages">Each stage's model, grid and costs, in order.</param>
public sealed record ScanRegistration(
    AffineTransform CurrentToPrior,
    double LungDiceBefore,
    double LungDiceAfter,
    IReadOnlyList<RegistrationStage> Stages,
    double Seconds,
    IReadOnlyList<string> Warnings)
{
    public AffineTransform PriorToCurrent { get; } = CurrentToPrior.Inverse();
}
