namespace NoduleScope.Dicom.Deidentification;

/// <summary>The result of de-identifying one file: the new dataset, the syntax to write it in, and what to tell the user.</summary>
public sealed record DeidentifiedInstance(DicomDataset Dataset, DicomTransferSyntax TransferSyntax, IReadOnlyList<string> Warnings)
{
    /// <summary>Writes a Part 10 file with new file meta information (nothing of the source's file meta is carried over).</summary>
    public void Write(Stream output) => DicomWriter.WriteFile(output, Dataset, TransferSyntax);
}
