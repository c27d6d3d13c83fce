using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Reporting.Dicom;

namespace NoduleScope.Reporting.Seg;

/// <summary>Reads a binary Segmentation Storage instance (uncompressed, 1-bit) into segments and frames.</summary>
public static class SegmentationReader
{
    /// <exception cref="InvalidDataException">The dataset is not a binary segmentation this reader understands.</exception>
    public static SegmentationContent Read(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (dataset.GetString(DicomTags.SOPClassUID) != SegmentationWriter.SegmentationStorage)
        {
            throw new InvalidDataException("not a Segmentation Storage instance");
        }

        if (dataset.GetString(DicomTags.SegmentationType) != "BINARY" || !dataset.TryGetInt32(DicomTags.BitsAllocated, out int bits) || bits != 1)
        {
            throw new InvalidDataException("only BINARY segmentations with 1-bit pixels are read");
        }

        if (!dataset.TryGetInt32(DicomTags.Rows, out int rows) || !dataset.TryGetInt32(DicomTags.Columns, out int columns) || !dataset.TryGetInt32(DicomTags.NumberOfFrames, out int count))
        {
            throw new InvalidDataException("Rows, Columns or NumberOfFrames missing");
        }

        var segments = new List<SegmentDescription>();
        foreach (var item in dataset.GetSequence(DicomTags.SegmentSequence)?.Items ?? [])
        {
            item.TryGetInt32(DicomTags.SegmentNumber, out int number);
            segments.Add(new SegmentDescription(
                number,
                item.GetString(DicomTags.SegmentLabel) ?? string.Empty,
                item.GetString(DicomTags.TrackingID),
                item.GetString(DicomTags.TrackingUID),
                CodedConcept.FromSequence(item, DicomTags.SegmentedPropertyCategoryCodeSequence),
                CodedConcept.FromSequence(item, DicomTags.SegmentedPropertyTypeCodeSequence),
                item.GetString(DicomTags.SegmentAlgorithmType)));
        }

        var shared = dataset.GetSequence(DicomTags.SharedFunctionalGroupsSequence)?.Items.FirstOrDefault() ?? new DicomDataset();
        var perFrame = dataset.GetSequence(DicomTags.PerFrameFunctionalGroupsSequence)?.Items ?? [];
        if (perFrame.Count != count)
        {
            throw new InvalidDataException($"{perFrame.Count} per-frame functional group items for {count} frames");
        }

        double[] orientation = Group(shared, shared, DicomTags.PlaneOrientationSequence)?.GetDoubles(DicomTags.ImageOrientationPatient) ?? [];
        double[] spacing = Group(shared, shared, DicomTags.PixelMeasuresSequence)?.GetDoubles(DicomTags.PixelSpacing) ?? [];
        if (orientation.Length != 6 || spacing.Length != 2)
        {
            throw new InvalidDataException("plane orientation or pixel spacing missing");
        }

        if (dataset.GetElement(DicomTags.PixelData) is not { IsLoaded: true } pixelData)
        {
            throw new InvalidDataException("no pixel data");
        }

        var frames = new List<SegmentationFrame>(count);
        for (int i = 0; i < count; i++)
        {
            var groups = perFrame[i];
            int segment = Group(groups, shared, DicomTags.SegmentIdentificationSequence) is { } identification && identification.TryGetInt32(DicomTags.ReferencedSegmentNumber, out int s)
                ? s
                : throw new InvalidDataException($"frame {i + 1} has no segment identification");
            double[] position = Group(groups, shared, DicomTags.PlanePositionSequence)?.GetDoubles(DicomTags.ImagePositionPatient) ?? [];
            if (position.Length != 3)
            {
                throw new InvalidDataException($"frame {i + 1} has no plane position");
            }

            string? source = Group(groups, shared, DicomTags.DerivationImageSequence)?.GetSequence(DicomTags.SourceImageSequence)?.Items.FirstOrDefault()?.GetString(DicomTags.ReferencedSOPInstanceUID);
            frames.Add(new SegmentationFrame(segment, new Vector3D(position[0], position[1], position[2]), source, BinaryFramePacking.Unpack(pixelData.Data.Span, i, rows * columns)));
        }

        return new SegmentationContent
        {
            Rows = rows,
            Columns = columns,
            FrameOfReferenceUid = dataset.GetString(DicomTags.FrameOfReferenceUID),
            RowDirection = new Vector3D(orientation[0], orientation[1], orientation[2]),
            ColumnDirection = new Vector3D(orientation[3], orientation[4], orientation[5]),
            PixelSpacing = (spacing[0], spacing[1]),
            Segments = segments,
            Frames = frames,
        };
    }

    /// <summary>The first item of functional group <paramref name="tag"/>, per frame if present there, else shared.</summary>
    private static DicomDataset? Group(DicomDataset frame, DicomDataset shared, DicomTag tag) =>
        (frame.GetSequence(tag) ?? shared.GetSequence(tag))?.Items.FirstOrDefault();
}
