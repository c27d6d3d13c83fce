using System.Globalization;
using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Reporting.Dicom;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.Report;

namespace NoduleScope.Reporting.KeyImages;

/// <summary>
/// Writes a key image as a Secondary Capture Image Storage instance (8-bit RGB) in a new series of the source study,
/// referencing the CT slice it was cut from. The burned-in text names the nodule and its size, never the patient.
/// </summary>
public static class SecondaryCaptureWriter
{
    public const string SecondaryCaptureImageStorage = "1.2.840.10008.5.1.4.1.1.7";

    public static DicomDataset Build(KeyImage image, FindingsNodule nodule, CtVolume volume, SourceStudy source, DerivedSeries series, int instanceNumber, string softwareVersion, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(nodule);
        var ds = DerivedDataset.NewInstance(source, series, SecondaryCaptureImageStorage, DicomUid.Generate(), instanceNumber, softwareVersion, created);
        ds.AddString(DicomTags.ImageType, DicomVR.CS, "DERIVED\\SECONDARY");
        ds.AddString(DicomTags.ConversionType, DicomVR.CS, "WSD");
        ds.AddString(DicomTags.DerivationDescription, DicomVR.ST, string.Create(CultureInfo.InvariantCulture,
            $"{ReportText.NoduleLabel(nodule.Id)}: lung window W{KeyImageRenderer.WindowWidth} L{KeyImageRenderer.WindowCenter} crop of slice {image.Slice + 1}, outline and axes drawn by {DerivedDataset.Manufacturer} {softwareVersion}"));
        var reference = DerivedDataset.SopReference(source.SopClassUid, source.SliceSopInstanceUids[image.Slice]);
        reference.AddSequence(DicomTags.PurposeOfReferenceCodeSequence, ReportCodes.SourceImageForProcessing.ToItem());
        ds.AddSequence(DicomTags.SourceImageSequence, reference);
        ds.AddString(DicomTags.PatientOrientation, DicomVR.CS, $"{ReportText.Side(volume.DirectionX)}\\{ReportText.Side(volume.DirectionY)}");
        // The side of the lung the nodule is in; B (both) when the detector could not tell.
        ds.AddString(DicomTags.ImageLaterality, DicomVR.CS, nodule.Lung switch { "right" => "R", "left" => "L", _ => "B" });
        ds.AddString(DicomTags.BurnedInAnnotation, DicomVR.CS, "NO");
        ds.AddString(DicomTags.LossyImageCompression, DicomVR.CS, "00");
        ds.AddUInt16(DicomTags.SamplesPerPixel, 3);
        ds.AddString(DicomTags.PhotometricInterpretation, DicomVR.CS, "RGB");
        ds.AddUInt16(DicomTags.PlanarConfiguration, 0);
        ds.AddUInt16(DicomTags.Rows, (ushort)image.Height);
        ds.AddUInt16(DicomTags.Columns, (ushort)image.Width);
        ds.AddDecimals(DicomTags.PixelSpacing, image.PixelSpacingMm, image.PixelSpacingMm);
        ds.AddUInt16(DicomTags.BitsAllocated, 8);
        ds.AddUInt16(DicomTags.BitsStored, 8);
        ds.AddUInt16(DicomTags.HighBit, 7);
        ds.AddUInt16(DicomTags.PixelRepresentation, 0);
        ds.Add(new DicomElement(DicomTags.PixelData, DicomVR.OB, image.Rgb));
        return ds;
    }
}
