using System.IO.Compression;
using NoduleScope.Dicom;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging.Series;
using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.Imaging.Tests.Series;

public sealed class SeriesAssemblerTests
{
    private static readonly SeriesAssembler Assembler = new(DicomCodecs.Default);

    private static SeriesInfo ScanSingle(string path)
    {
        var result = new DicomInputScanner().Scan(path);
        Assert.Empty(result.Errors);
        return Assert.Single(result.Series);
    }

    [Fact]
    public void SortsSlicesByPositionNotByFileNameOrInstanceNumber()
    {
        using var temp = new TempFolder();
        var volume = TestVolumes.Gradient(12, 10, 9, new Vector3D(0.7, 0.8, 1.25), new Vector3D(-100, -120, -300));
        var files = DicomSeriesWriter.Write(volume, temp.Path, new DicomSeriesWriterOptions { Seed = "sort" });

        // Rename files into a shuffled order and scramble InstanceNumber.
        var random = new Random(3);
        var order = files.OrderBy(_ => random.Next()).ToList();
        for (int i = 0; i < order.Count; i++)
        {
            var file = DicomFile.Open(order[i]);
            file.Dataset.AddString(DicomTags.InstanceNumber, DicomVR.IS, (100 - i).ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.Delete(order[i]);
            DicomWriter.WriteFile(temp[$"x{i:D3}.dcm"], file.Dataset);
        }

        var assembled = Assembler.Assemble(ScanSingle(temp.Path));
        Assert.Equal(volume.Voxels, assembled.Volume.Voxels);
        TestVolumes.AssertSameGeometry(volume, assembled.Volume);
    }

    [Fact]
    public void KeepsObliqueGeometryAndVoxelToWorldRoundTrips()
    {
        using var temp = new TempFolder();
        double a = 20 * Math.PI / 180;
        var dirX = new Vector3D(Math.Cos(a), Math.Sin(a), 0);
        var dirY = new Vector3D(-Math.Sin(a) * Math.Cos(0.3), Math.Cos(a) * Math.Cos(0.3), Math.Sin(0.3));
        var volume = TestVolumes.Gradient(8, 9, 7, new Vector3D(0.9, 0.6, 2), new Vector3D(10, -20, 30), dirX, dirY);
        DicomSeriesWriter.Write(volume, temp.Path, new DicomSeriesWriterOptions { Seed = "oblique" });

        var assembled = Assembler.Assemble(ScanSingle(temp.Path)).Volume;
        Assert.Equal(volume.Voxels, assembled.Voxels);
        TestVolumes.AssertSameGeometry(volume, assembled);
        var index = new Vector3D(3.5, 2.25, 5);
        var back = assembled.WorldToVoxel(assembled.VoxelToWorld(index));
        Assert.True((back - index).Length < 1e-9);
    }

    /// <summary>Regression (issue 8, found by reading the fuzz harness): header values alone sized the volume, so a few
    /// tiny files declaring huge frames made the assembler allocate gigabytes or fail with an untyped exception.</summary>
    [Fact]
    public void AVolumeLargerThanTheLimitIsATypedError()
    {
        using var temp = new TempFolder();
        var volume = TestVolumes.Gradient(12, 10, 9, new Vector3D(0.7, 0.8, 1.25), new Vector3D(-100, -120, -300));
        DicomSeriesWriter.Write(volume, temp.Path, new DicomSeriesWriterOptions { Seed = "limit" });
        var series = ScanSingle(temp.Path);
        var e = Assert.Throws<SeriesAssemblyException>(() => new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { MaxVoxels = 12 * 10 * 8 }).Assemble(series));
        Assert.Contains("12 x 10 x 9 voxels", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxVoxels", e.Message, StringComparison.Ordinal);
        Assert.Equal(volume.Voxels, new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { MaxVoxels = 12 * 10 * 9 }).Assemble(series).Volume.Voxels);
    }

    [Fact]
    public void SmallRleFilesDeclaringHugeFramesAreRefusedBeforeTheVolumeIsAllocated()
    {
        using var temp = new TempFolder();
        var volume = TestVolumes.Gradient(12, 10, 3, new Vector3D(0.7, 0.8, 1.25), new Vector3D(-100, -120, -300));
        foreach (string file in DicomSeriesWriter.Write(volume, temp.Path, new DicomSeriesWriterOptions { Seed = "huge-rle" }))
        {
            var ds = DicomFile.Open(file).Dataset;
            ds.AddUInt16(DicomTags.Rows, 8192).AddUInt16(DicomTags.Columns, 16384);
            ds.Add(new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB, ReadOnlyMemory<byte>.Empty, [new byte[512]]));
            DicomWriter.WriteFile(file, ds, DicomTransferSyntax.RleLossless);
        }

        var series = ScanSingle(temp.Path);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<SeriesAssemblyException>(() => Assembler.Assemble(series));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("16384 x 8192 pixels cannot be stored", e.Message, StringComparison.Ordinal);
        Assert.Contains("RLE Lossless", e.Message, StringComparison.Ordinal);
        Assert.True(allocated < 64 << 20, $"refusing the series allocated {allocated} bytes");
    }

    [Fact]
    public void MissingSliceIsAGapErrorUnlessIrregularSpacingIsAllowed()
    {
        using var temp = new TempFolder();
        var volume = TestVolumes.Gradient(6, 6, 10, new Vector3D(1, 1, 2.5), new Vector3D(0, 0, 0));
        var files = DicomSeriesWriter.Write(volume, temp.Path, new DicomSeriesWriterOptions { Seed = "gap" });
        File.Delete(files[4]);

        var series = ScanSingle(temp.Path);
        var e = Assert.Throws<SeriesAssemblyException>(() => Assembler.Assemble(series));
        Assert.Contains("1 missing slice", e.Message);

        var lenient = new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { AllowIrregularSpacing = true }).Assemble(series);
        Assert.Equal(9, lenient.Volume.SizeZ);
        Assert.Contains(lenient.Warnings, w => w.Contains("gap", StringComparison.Ordinal));
    }

    [Fact]
    public void LeavesOutLocalizersAndNonDicomFiles()
    {
        using var temp = new TempFolder();
        var volume = TestVolumes.Gradient(6, 6, 5, new Vector3D(1, 1, 1), new Vector3D(0, 0, 0));
        var files = DicomSeriesWriter.Write(volume, temp.Path, new DicomSeriesWriterOptions { Seed = "loc" });
        var scout = DicomFile.Open(files[0]);
        scout.Dataset.AddString(DicomTags.ImageType, DicomVR.CS, "ORIGINAL\\PRIMARY\\LOCALIZER");
        scout.Dataset.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, DicomUid.Generate());
        scout.Dataset.AddDecimals(DicomTags.ImagePositionPatient, 0, 0, 2);
        DicomWriter.WriteFile(temp["scout.dcm"], scout.Dataset);
        File.WriteAllText(temp["notes.txt"], "not DICOM");
        File.WriteAllBytes(temp["empty.bin"], []);

        var result = new DicomInputScanner().Scan(temp.Path);
        Assert.Equal(2, result.NonDicomSkipped);
        var assembled = Assembler.Assemble(Assert.Single(result.Series));
        Assert.Equal(5, assembled.Volume.SizeZ);
        Assert.Contains(assembled.Warnings, w => w.Contains("localizer", StringComparison.Ordinal));
        Assert.Equal(volume.Voxels, assembled.Volume.Voxels);
    }

    [Fact]
    public void ReadsSeriesFromAZipArchive()
    {
        using var temp = new TempFolder();
        var volume = TestVolumes.Gradient(6, 5, 4, new Vector3D(1, 1, 3), new Vector3D(5, 5, 5));
        string folder = Path.Combine(temp.Path, "series");
        DicomSeriesWriter.Write(volume, folder, new DicomSeriesWriterOptions { Seed = "zip" });
        string zip = temp["study.zip"];
        ZipFile.CreateFromDirectory(folder, zip);
        Directory.Delete(folder, true);

        var assembled = Assembler.Assemble(ScanSingle(zip));
        Assert.Equal(volume.Voxels, assembled.Volume.Voxels);
    }

    [Fact]
    public void PaddingBecomesAirOnlyWhenAsked()
    {
        using var temp = new TempFolder();
        var volume = TestVolumes.Gradient(4, 4, 3, new Vector3D(1, 1, 1), new Vector3D(0, 0, 0));
        volume[0, 0, 0] = -2048;
        volume[1, 0, 0] = -3024;
        DicomSeriesWriter.Write(volume, temp.Path, new DicomSeriesWriterOptions { Seed = "pad" });
        var series = ScanSingle(temp.Path);

        var exact = Assembler.Assemble(series).Volume;
        Assert.Equal(-2048, exact[0, 0, 0]);
        Assert.Equal(-3024, exact[1, 0, 0]);
        var air = new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { PaddingToAir = true }).Assemble(series).Volume;
        Assert.Equal(-1024, air[0, 0, 0]);
        Assert.Equal(-1024, air[1, 0, 0]);
        Assert.Equal(volume[2, 0, 0], air[2, 0, 0]);
    }

    [Fact]
    public void DicomDirReferencesCannotEscapeTheirFolder()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["IMAGES"]);
        File.WriteAllText(temp["IMAGES/IM1"], "x");
        Assert.Equal(temp["IMAGES/IM1"], DicomInputScannerAccess.Resolve(temp.Path, ["images", "im1"]));
        Assert.Null(DicomInputScannerAccess.Resolve(temp.Path, ["..", "etc", "passwd"]));
        Assert.Null(DicomInputScannerAccess.Resolve(temp.Path, ["/etc/passwd"]));
        Assert.Null(DicomInputScannerAccess.Resolve(temp.Path, ["IMAGES\\..\\..", "x"]));
    }

    [Fact]
    public void EnhancedMultiFrameEqualsTheSameImagesAsSingleFrames()
    {
        string root = NoduleScope.TestSupport.SharedData.Require("dicom-corpus/dcmqi/segmentations/23x38x3");
        var single = Assembler.Assemble(ScanSingle(Path.Combine(root, "image"))).Volume;
        var enhanced = Assembler.Assemble(ScanSingle(Path.Combine(root, "multiframe"))).Volume;
        Assert.Equal(single.Voxels, enhanced.Voxels);
        TestVolumes.AssertSameGeometry(single, enhanced);
    }
}
