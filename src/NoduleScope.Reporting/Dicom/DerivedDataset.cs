using System.Globalization;
using NoduleScope.Dicom;

namespace NoduleScope.Reporting.Dicom;

/// <summary>
/// Starts the datasets of derived instances: UTF-8 text, SOP Common, the source's patient and study, a new series
/// and NoduleScope as the equipment. Every nested item is made by <see cref="NewItem"/> so that its text is encoded
/// in the same character set the instance declares.
/// </summary>
public static class DerivedDataset
{
    public const string Manufacturer = "NoduleScope";

    /// <summary>An empty sequence item whose text values are encoded as UTF-8 (ISO_IR 192).</summary>
    public static DicomDataset NewItem() => new() { CharacterSet = DicomCharacterSet.Utf8 };

    /// <summary>A dataset with the modules every derived instance shares.</summary>
    public static DicomDataset NewInstance(SourceStudy source, DerivedSeries series, string sopClassUid, string sopInstanceUid, int instanceNumber, string softwareVersion, DateTimeOffset created)
    {
        var ds = NewItem();
        ds.AddString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        string date = created.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        string time = created.ToString("HHmmss", CultureInfo.InvariantCulture);
        ds.AddString(DicomTags.InstanceCreationDate, DicomVR.DA, date);
        ds.AddString(DicomTags.InstanceCreationTime, DicomVR.TM, time);
        ds.AddString(DicomTags.SOPClassUID, DicomVR.UI, sopClassUid);
        ds.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, sopInstanceUid);
        ds.AddString(DicomTags.SeriesDate, DicomVR.DA, date);
        ds.AddString(DicomTags.ContentDate, DicomVR.DA, date);
        ds.AddString(DicomTags.SeriesTime, DicomVR.TM, time);
        ds.AddString(DicomTags.ContentTime, DicomVR.TM, time);
        ds.AddString(DicomTags.Modality, DicomVR.CS, series.Modality);
        ds.AddString(DicomTags.Manufacturer, DicomVR.LO, Manufacturer);
        ds.AddString(DicomTags.SeriesDescription, DicomVR.LO, series.Description);
        ds.AddString(DicomTags.ManufacturerModelName, DicomVR.LO, Manufacturer);
        ds.AddString(DicomTags.DeviceSerialNumber, DicomVR.LO, "0");
        ds.AddString(DicomTags.SoftwareVersions, DicomVR.LO, softwareVersion);
        ds.AddString(DicomTags.SeriesInstanceUID, DicomVR.UI, series.SeriesInstanceUid);
        ds.AddString(DicomTags.SeriesNumber, DicomVR.IS, series.SeriesNumber.ToString(CultureInfo.InvariantCulture));
        ds.AddString(DicomTags.InstanceNumber, DicomVR.IS, instanceNumber.ToString(CultureInfo.InvariantCulture));
        source.CopyPatientAndStudy(ds);
        return ds;
    }

    /// <summary>Declares the private coding scheme of <see cref="ReportCodes"/> (Coding Scheme Identification Sequence).</summary>
    public static void DeclarePrivateCodingScheme(DicomDataset dataset)
    {
        var item = NewItem();
        item.AddString(DicomTags.CodingSchemeDesignator, DicomVR.SH, ReportCodes.PrivateScheme);
        item.AddString(DicomTags.CodingSchemeName, DicomVR.ST, "NoduleScope private codes");
        item.AddString(DicomTags.CodingSchemeResponsibleOrganization, DicomVR.ST, "NoduleScope contributors");
        dataset.AddSequence(DicomTags.CodingSchemeIdentificationSequence, item);
    }

    /// <summary>A code sequence with one item.</summary>
    public static void AddCode(DicomDataset dataset, DicomTag tag, CodedConcept code) => dataset.AddSequence(tag, code.ToItem());

    /// <summary>An AT value: the tag's group then element, little endian.</summary>
    public static DicomElement AttributeTag(DicomTag tag, DicomTag value)
    {
        byte[] bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes, value.Group);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), value.Element);
        return new DicomElement(tag, DicomVR.AT, bytes);
    }

    /// <summary>A reference item: Referenced SOP Class UID and Referenced SOP Instance UID.</summary>
    public static DicomDataset SopReference(string sopClassUid, string sopInstanceUid)
    {
        var item = NewItem();
        item.AddString(DicomTags.ReferencedSOPClassUID, DicomVR.UI, sopClassUid);
        item.AddString(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, sopInstanceUid);
        return item;
    }

    /// <summary>
    /// References to every slice of the source series as a Referenced Series Sequence item: with a Referenced Instance
    /// Sequence (Common Instance Reference module, the default) or a Referenced SOP
    /// Sequence (Hierarchical SOP Instance Reference macro of SR evidence).
    /// </summary>
    public static DicomDataset SourceSeriesReference(SourceStudy source, DicomTag? instancesTag = null)
    {
        var series = NewItem();
        var instances = new List<DicomDataset>(source.SliceSopInstanceUids.Count);
        foreach (string uid in source.SliceSopInstanceUids)
        {
            instances.Add(SopReference(source.SopClassUid, uid));
        }

        series.AddSequence(instancesTag ?? DicomTags.ReferencedInstanceSequence, [.. instances]);
        series.AddString(DicomTags.SeriesInstanceUID, DicomVR.UI, source.SeriesInstanceUid);
        return series;
    }
}
