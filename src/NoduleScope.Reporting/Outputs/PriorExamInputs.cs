using NoduleScope.Imaging;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Reporting.Outputs;

/// <summary>
/// The prior exam a comparison was made with: its volume (for the prior key images), its findings (the prior
/// nodules, paired with the current ones through each current finding's <see cref="FindingsNodule.Prior"/> link) and
/// their masks.
/// </summary>
public sealed record PriorExamInputs
{
    public required CtVolume Volume { get; init; }

    public required FindingsDocument Document { get; init; }

    public IReadOnlyList<NoduleMask> Masks { get; init; } = [];

    /// <summary>The prior exam's date, for captions.</summary>
    public DateOnly? StudyDate { get; init; }
}
