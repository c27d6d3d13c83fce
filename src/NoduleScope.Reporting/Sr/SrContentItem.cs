using System.Buffers.Binary;
using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Reporting.Dicom;

namespace NoduleScope.Reporting.Sr;

/// <summary>Builds SR content items (PS3.3 C.17.3): one sequence item each, with relationship, value type, concept
/// name and value.</summary>
internal static class SrContentItem
{
    public static DicomDataset Container(string? relationship, CodedConcept concept, IEnumerable<DicomDataset> children)
    {
        var item = Start(relationship, "CONTAINER", concept);
        item.AddString(DicomTags.ContinuityOfContent, DicomVR.CS, "SEPARATE");
        item.AddSequence(DicomTags.ContentSequence, [.. children]);
        return item;
    }

    public static DicomDataset Code(string relationship, CodedConcept concept, CodedConcept value)
    {
        var item = Start(relationship, "CODE", concept);
        item.AddSequence(DicomTags.ConceptCodeSequence, value.ToItem());
        return item;
    }

    public static DicomDataset Text(string relationship, CodedConcept concept, string value)
    {
        var item = Start(relationship, "TEXT", concept);
        item.AddString(DicomTags.TextValue, DicomVR.UT, value);
        return item;
    }

    public static DicomDataset UidRef(string relationship, CodedConcept concept, string uid)
    {
        var item = Start(relationship, "UIDREF", concept);
        item.AddString(DicomTags.UID, DicomVR.UI, uid);
        return item;
    }

    /// <summary>A numeric measurement with its unit, and optional concept modifiers (derivation, method) as children.</summary>
    public static DicomDataset Num(string relationship, CodedConcept concept, double value, CodedConcept unit, params DicomDataset[] modifiers)
    {
        var item = Start(relationship, "NUM", concept);
        var measured = DerivedDataset.NewItem();
        measured.AddSequence(DicomTags.MeasurementUnitsCodeSequence, unit.ToItem());
        measured.AddDecimals(DicomTags.NumericValue, value);
        item.AddSequence(DicomTags.MeasuredValueSequence, measured);
        if (modifiers.Length > 0)
        {
            item.AddSequence(DicomTags.ContentSequence, modifiers);
        }

        return item;
    }

    /// <summary>An image reference without a concept name (Image Library entries).</summary>
    public static DicomDataset Image(string relationship, string sopClassUid, string sopInstanceUid)
    {
        var item = DerivedDataset.NewItem();
        item.AddString(DicomTags.RelationshipType, DicomVR.CS, relationship);
        item.AddString(DicomTags.ValueType, DicomVR.CS, "IMAGE");
        item.AddSequence(DicomTags.ReferencedSOPSequence, DerivedDataset.SopReference(sopClassUid, sopInstanceUid));
        return item;
    }

    /// <summary>A 3D point in patient coordinates (mm) of the frame of reference <paramref name="frameOfReferenceUid"/>.</summary>
    public static DicomDataset Point3D(string relationship, CodedConcept concept, Vector3D point, string frameOfReferenceUid)
    {
        var item = Start(relationship, "SCOORD3D", concept);
        item.AddString(DicomTags.GraphicType, DicomVR.CS, "POINT");
        byte[] data = new byte[12];
        BinaryPrimitives.WriteSingleLittleEndian(data, (float)point.X);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), (float)point.Y);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(8), (float)point.Z);
        item.Add(new DicomElement(DicomTags.GraphicData, DicomVR.FL, data));
        item.AddString(DicomTags.ReferencedFrameOfReferenceUID, DicomVR.UI, frameOfReferenceUid);
        return item;
    }

    private static DicomDataset Start(string? relationship, string valueType, CodedConcept concept)
    {
        var item = DerivedDataset.NewItem();
        if (relationship is not null)
        {
            item.AddString(DicomTags.RelationshipType, DicomVR.CS, relationship);
        }

        item.AddString(DicomTags.ValueType, DicomVR.CS, valueType);
        item.AddSequence(DicomTags.ConceptNameCodeSequence, concept.ToItem());
        return item;
    }
}
