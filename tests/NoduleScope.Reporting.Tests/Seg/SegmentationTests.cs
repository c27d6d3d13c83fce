using NoduleScope.Dicom;
using NoduleScope.Reporting.Dicom;
using NoduleScope.Reporting.Seg;
using NoduleScope.Reporting.Tests.Outputs;

namespace NoduleScope.Reporting.Tests.Seg;

public sealed class SegmentationTests
{
    private static readonly DateTimeOffset Created = new(2025, 3, 4, 10, 20, 30, TimeSpan.Zero);

    [Fact]
    public void SegPassesDciodvfy()
    {
        using var temp = new TempFolder();
        string path = temp["seg.dcm"];
        DicomWriter.WriteFile(path, Build(StudyCase.Phantom.Characterised(), NoduleTracking.Create(StudyCase.Phantom.Document.Findings.Select(f => f.Id))));

        ExternalTool.AssertValidDicom(path);
    }

    [Fact]
    public void SegReadsBackVoxelExactWithOneFramePerNonEmptySlice()
    {
        var study = StudyCase.Phantom;
        var tracking = NoduleTracking.Create(study.Document.Findings.Select(f => f.Id));
        using var temp = new TempFolder();
        string path = temp["seg.dcm"];
        DicomWriter.WriteFile(path, Build(study, tracking));

        var seg = SegmentationReader.Read(DicomFile.Open(path).Dataset);

        Assert.Equal(study.Masks.Count, seg.Segments.Count);
        Assert.Equal(study.Source.FrameOfReferenceUid, seg.FrameOfReferenceUid);
        int expectedFrames = 0;
        foreach (var (mask, segment) in study.Masks.OrderBy(m => m.FindingId).Zip(seg.Segments))
        {
            Assert.Equal(NoduleTracking.Identifier(mask.FindingId), segment.Label);
            Assert.Equal(tracking.Uid(mask.FindingId), segment.TrackingUid);
            Assert.Equal(ReportCodes.MorphologicallyAbnormalStructure, segment.Category);
            Assert.Equal(ReportCodes.Nodule, segment.Type);
            Assert.Equal("AUTOMATIC", segment.AlgorithmType);

            byte[] expected = VolumeMaskPlacement.Rasterize(mask.Mask, study.Volume);
            byte[] actual = seg.ToVolumeMask(segment.Number, study.Volume);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"segment {segment.Number} differs from the mask of finding {mask.FindingId}");
            Assert.True(mask.Mask.CountNonZero() > 0);
            expectedFrames += Enumerable.Range(0, study.Volume.SizeZ).Count(z => expected.AsSpan(z * study.Volume.SliceLength, study.Volume.SliceLength).Contains((byte)1));
        }

        Assert.Equal(expectedFrames, seg.Frames.Count);
        Assert.All(seg.Frames, f => Assert.Contains((byte)1, f.Pixels));
    }

    [Fact]
    public void EachFrameReferencesTheCtSliceAtItsPosition()
    {
        var study = StudyCase.Phantom;
        var seg = SegmentationReader.Read(Build(study, NoduleTracking.Create(study.Document.Findings.Select(f => f.Id))));

        foreach (var frame in seg.Frames)
        {
            int slice = (int)Math.Round(study.Volume.WorldToVoxel(frame.Position).Z);
            Assert.Equal(study.Source.SliceSopInstanceUids[slice], frame.SourceSopInstanceUid);
        }
    }

    [Fact]
    public void NothingToSegmentIsRefused()
    {
        var study = StudyCase.Phantom with { Masks = [] };
        Assert.Throws<ArgumentException>(() => Build(study, NoduleTracking.Create([])));
    }

    [Fact]
    public void BitPackingRunsAcrossFrameBoundaries()
    {
        // 3 x 5 = 15 pixels per frame: frame 2 starts in the middle of a byte.
        byte[][] frames = [[1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1], [0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]];

        byte[] packed = BinaryFramePacking.Pack(frames, 15);

        Assert.Equal(4, packed.Length);
        Assert.Equal([0b0000_0001, 0b0100_0001, 0b0000_0011, 0], packed);
        Assert.Equal(frames[0], BinaryFramePacking.Unpack(packed, 0, 15));
        Assert.Equal(frames[1], BinaryFramePacking.Unpack(packed, 1, 15));
    }

    internal static DicomDataset Build(StudyCase study, NoduleTracking tracking) =>
        SegmentationWriter.Build(study.Volume, study.Document, study.Masks, study.Source, new DerivedSeries(DicomUid.Generate(), 9901, "SEG", "NoduleScope nodule segmentation"), tracking, Created);
}
