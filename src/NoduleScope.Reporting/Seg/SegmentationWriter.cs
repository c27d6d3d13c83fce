using System.Globalization;
using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Reporting.Dicom;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.Outputs;

namespace NoduleScope.Reporting.Seg;

/// <summary>
/// Writes nodule masks as a binary Segmentation Storage instance on the source CT's grid: one segment per nodule
/// (Morphologically Abnormal Structure / Nodule, AUTOMATIC), one bit-packed frame per segment and slice where the
/// segment is present, each frame referencing the CT slice it was derived from. Frames are ordered by segment, then
/// by slice, and indexed by the dimensions (Referenced Segment Number, Image Position Patient).
/// </summary>
public static class SegmentationWriter
{
    public const string SegmentationStorage = "1.2.840.10008.5.1.4.1.1.66.4";

    /// <summary>Display colour of every segment (amber, the outline colour of the key images).</summary>
    public static readonly (byte R, byte G, byte B) SegmentColor = (255, 176, 0);

    /// <exception cref="ArgumentException">No mask has a voxel, or a mask is not on the volume's grid.</exception>
    public static DicomDataset Build(CtVolume volume, FindingsDocument document, IReadOnlyList<NoduleMask> masks, SourceStudy source, DerivedSeries series, NoduleTracking tracking, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(masks);
        var segments = new List<DicomDataset>();
        var frames = new List<(int Segment, int Slice, byte[] Pixels)>();
        int number = 0;
        foreach (var nodule in masks.OrderBy(m => m.FindingId))
        {
            var slices = Frames(nodule, volume);
            if (slices.Count == 0)
            {
                continue;
            }

            number++;
            var finding = document.Findings.FirstOrDefault(f => f.Id == nodule.FindingId);
            segments.Add(Segment(number, nodule.FindingId, finding, document.Software, tracking));
            frames.AddRange(slices.Select(s => (number, s.Slice, s.Pixels)));
        }

        if (frames.Count == 0)
        {
            throw new ArgumentException("no nodule mask has a voxel: there is nothing to segment", nameof(masks));
        }

        var ds = DerivedDataset.NewInstance(source, series, SegmentationStorage, DicomUid.Generate(), 1, document.Software.Version, created);
        ds.AddString(DicomTags.ImageType, DicomVR.CS, "DERIVED\\PRIMARY");
        ds.AddString(DicomTags.FrameOfReferenceUID, DicomVR.UI, source.FrameOfReferenceUid);
        ds.AddString(DicomTags.PositionReferenceIndicator, DicomVR.LO, string.Empty);
        ds.AddSequence(DicomTags.ReferencedSeriesSequence, DerivedDataset.SourceSeriesReference(source));
        ds.AddString(DicomTags.ContentLabel, DicomVR.CS, "NODULES");
        ds.AddString(DicomTags.ContentDescription, DicomVR.LO, "Lung nodules segmented by " + document.Software.Name);
        ds.AddString(DicomTags.ContentCreatorName, DicomVR.PN, string.Empty);
        ds.AddUInt16(DicomTags.SamplesPerPixel, 1);
        ds.AddString(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.AddString(DicomTags.NumberOfFrames, DicomVR.IS, frames.Count.ToString(CultureInfo.InvariantCulture));
        ds.AddUInt16(DicomTags.Rows, (ushort)volume.SizeY);
        ds.AddUInt16(DicomTags.Columns, (ushort)volume.SizeX);
        ds.AddUInt16(DicomTags.BitsAllocated, 1);
        ds.AddUInt16(DicomTags.BitsStored, 1);
        ds.AddUInt16(DicomTags.HighBit, 0);
        ds.AddUInt16(DicomTags.PixelRepresentation, 0);
        ds.AddString(DicomTags.LossyImageCompression, DicomVR.CS, "00");
        ds.AddString(DicomTags.SegmentationType, DicomVR.CS, "BINARY");
        ds.AddSequence(DicomTags.SegmentSequence, [.. segments]);

        string dimensionUid = DicomUid.Generate();
        var organization = DerivedDataset.NewItem();
        organization.AddString(DicomTags.DimensionOrganizationUID, DicomVR.UI, dimensionUid);
        ds.AddSequence(DicomTags.DimensionOrganizationSequence, organization);
        ds.AddString(DicomTags.DimensionOrganizationType, DicomVR.CS, "3D");
        ds.AddSequence(DicomTags.DimensionIndexSequence,
            Dimension(dimensionUid, DicomTags.ReferencedSegmentNumber, DicomTags.SegmentIdentificationSequence, "ReferencedSegmentNumber"),
            Dimension(dimensionUid, DicomTags.ImagePositionPatient, DicomTags.PlanePositionSequence, "ImagePositionPatient"));

        ds.AddSequence(DicomTags.SharedFunctionalGroupsSequence, SharedGroups(volume));
        // Dimension index values are 1-based positions in the sorted list of the slices that occur.
        var sliceIndex = frames.Select(f => f.Slice).Distinct().Order().Select((slice, i) => (slice, i)).ToDictionary(p => p.slice, p => p.i + 1);
        var perFrame = new DicomDataset[frames.Count];
        for (int i = 0; i < frames.Count; i++)
        {
            perFrame[i] = FrameGroups(volume, source, frames[i].Segment, frames[i].Slice, sliceIndex[frames[i].Slice]);
        }

        ds.AddSequence(DicomTags.PerFrameFunctionalGroupsSequence, perFrame);
        ds.Add(new DicomElement(DicomTags.PixelData, DicomVR.OB, BinaryFramePacking.Pack(frames.Select(f => f.Pixels).ToList(), volume.SliceLength)));
        return ds;
    }

    private static List<(int Slice, byte[] Pixels)> Frames(NoduleMask nodule, CtVolume volume)
    {
        var at = VolumeMaskPlacement.Of(nodule.Mask, volume);
        var g = nodule.Mask.Grid;
        var result = new List<(int, byte[])>();
        for (int z = 0; z < g.SizeZ; z++)
        {
            byte[]? frame = null;
            for (int y = 0; y < g.SizeY; y++)
            {
                for (int x = 0; x < g.SizeX; x++)
                {
                    if (nodule.Mask[x, y, z] != 0)
                    {
                        frame ??= new byte[volume.SliceLength];
                        frame[((y + at.OffsetY) * volume.SizeX) + x + at.OffsetX] = 1;
                    }
                }
            }

            if (frame is not null)
            {
                result.Add((z + at.OffsetZ, frame));
            }
        }

        return result;
    }

    private static DicomDataset Segment(int number, int findingId, FindingsNodule? finding, FindingsSoftware software, NoduleTracking tracking)
    {
        var item = DerivedDataset.NewItem();
        item.AddSequence(DicomTags.SegmentedPropertyCategoryCodeSequence, ReportCodes.MorphologicallyAbnormalStructure.ToItem());
        item.AddUInt16(DicomTags.SegmentNumber, (ushort)number);
        item.AddString(DicomTags.SegmentLabel, DicomVR.LO, NoduleTracking.Identifier(findingId));
        item.AddString(DicomTags.SegmentAlgorithmType, DicomVR.CS, "AUTOMATIC");
        item.AddString(DicomTags.SegmentAlgorithmName, DicomVR.LO, $"{software.Name} {software.Version}");
        var (r, g, b) = SegmentColor;
        item.AddUInt16(DicomTags.RecommendedDisplayCIELabValue, CieLabColor.FromRgb(r, g, b));
        item.AddSequence(DicomTags.SegmentedPropertyTypeCodeSequence, ReportCodes.Nodule.ToItem());
        item.AddString(DicomTags.TrackingID, DicomVR.UT, NoduleTracking.Identifier(findingId));
        item.AddString(DicomTags.TrackingUID, DicomVR.UI, tracking.Uid(findingId));
        item.AddSequence(DicomTags.AnatomicRegionSequence, ReportCodes.ForSite(finding?.Characterization?.Lobe, finding?.Lung).ToItem());
        return item;
    }

    private static DicomDataset Dimension(string organizationUid, DicomTag pointer, DicomTag functionalGroup, string label)
    {
        var item = DerivedDataset.NewItem();
        item.AddString(DicomTags.DimensionOrganizationUID, DicomVR.UI, organizationUid);
        item.Add(DerivedDataset.AttributeTag(DicomTags.DimensionIndexPointer, pointer));
        item.Add(DerivedDataset.AttributeTag(DicomTags.FunctionalGroupPointer, functionalGroup));
        item.AddString(DicomTags.DimensionDescriptionLabel, DicomVR.LO, label);
        return item;
    }

    private static DicomDataset SharedGroups(CtVolume volume)
    {
        var shared = DerivedDataset.NewItem();
        var orientation = DerivedDataset.NewItem();
        var r = volume.DirectionX;
        var c = volume.DirectionY;
        orientation.AddDecimals(DicomTags.ImageOrientationPatient, r.X, r.Y, r.Z, c.X, c.Y, c.Z);
        shared.AddSequence(DicomTags.PlaneOrientationSequence, orientation);
        var measures = DerivedDataset.NewItem();
        measures.AddDecimals(DicomTags.SliceThickness, volume.Spacing.Z);
        measures.AddDecimals(DicomTags.SpacingBetweenSlices, volume.Spacing.Z);
        measures.AddDecimals(DicomTags.PixelSpacing, volume.Spacing.Y, volume.Spacing.X);
        shared.AddSequence(DicomTags.PixelMeasuresSequence, measures);
        return shared;
    }

    private static DicomDataset FrameGroups(CtVolume volume, SourceStudy source, int segment, int slice, int positionIndex)
    {
        var groups = DerivedDataset.NewItem();

        var sourceImage = DerivedDataset.SopReference(source.SopClassUid, source.SliceSopInstanceUids[slice]);
        sourceImage.AddSequence(DicomTags.PurposeOfReferenceCodeSequence, ReportCodes.SourceImageForProcessing.ToItem());
        var derivation = DerivedDataset.NewItem();
        derivation.AddSequence(DicomTags.SourceImageSequence, sourceImage);
        derivation.AddSequence(DicomTags.DerivationCodeSequence, ReportCodes.Segmentation.ToItem());
        groups.AddSequence(DicomTags.DerivationImageSequence, derivation);

        var content = DerivedDataset.NewItem();
        content.AddUInt32(DicomTags.DimensionIndexValues, (uint)segment, (uint)positionIndex);
        groups.AddSequence(DicomTags.FrameContentSequence, content);

        var position = DerivedDataset.NewItem();
        var p = volume.VoxelToWorld(0, 0, slice);
        position.AddDecimals(DicomTags.ImagePositionPatient, p.X, p.Y, p.Z);
        groups.AddSequence(DicomTags.PlanePositionSequence, position);

        var identification = DerivedDataset.NewItem();
        identification.AddUInt16(DicomTags.ReferencedSegmentNumber, (ushort)segment);
        groups.AddSequence(DicomTags.SegmentIdentificationSequence, identification);
        return groups;
    }
}
