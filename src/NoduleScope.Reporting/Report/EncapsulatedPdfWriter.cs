using NoduleScope.Dicom;
using NoduleScope.Reporting.Dicom;

namespace NoduleScope.Reporting.Report;

/// <summary>Wraps the PDF report as an Encapsulated PDF Storage instance (Modality DOC) in a new series of the source study,
/// so that PACS can file it with the images.</summary>
public static class EncapsulatedPdfWriter
{
    public const string EncapsulatedPdfStorage = "1.2.840.10008.5.1.4.1.1.104.1";

    public static DicomDataset Build(byte[] pdf, SourceStudy source, DerivedSeries series, string softwareVersion, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var ds = DerivedDataset.NewInstance(source, series, EncapsulatedPdfStorage, DicomUid.Generate(), 1, softwareVersion, created);
        ds.AddString(DicomTags.ConversionType, DicomVR.CS, "WSD");
        ds.AddString(DicomTags.AcquisitionDateTime, DicomVR.DT, string.Empty);
        // The PDF names the patient.
        ds.AddString(DicomTags.BurnedInAnnotation, DicomVR.CS, "YES");
        ds.AddString(DicomTags.DocumentTitle, DicomVR.ST, "Lung nodule report");
        ds.AddSequence(DicomTags.ConceptNameCodeSequence);
        ds.AddString(DicomTags.MIMETypeOfEncapsulatedDocument, DicomVR.LO, "application/pdf");
        ds.AddUInt32(DicomTags.EncapsulatedDocumentLength, (uint)pdf.Length);
        ds.Add(new DicomElement(DicomTags.EncapsulatedDocument, DicomVR.OB, pdf));
        return ds;
    }
}
