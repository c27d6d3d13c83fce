using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Reporting.Outputs;

/// <summary>What the result files are made from: the findings, the analysed volume, the nodule masks and, for DICOM
/// input, the header of one instance of the analysed series (patient and study to file the results under).</summary>
public sealed record ReportInputs
{
    public required FindingsDocument Document { get; init; }

    public required CtVolume Volume { get; init; }

    public IReadOnlyList<NoduleMask> Masks { get; init; } = [];

    /// <summary>Null for NIfTI or MetaImage input: DICOM outputs are then skipped.</summary>
    public DicomDataset? SourceHeader { get; init; }

    /// <summary>The prior exam, when the findings were compared with one; the report then shows prior and current side by side.</summary>
    public PriorExamInputs? Prior { get; init; }
}
