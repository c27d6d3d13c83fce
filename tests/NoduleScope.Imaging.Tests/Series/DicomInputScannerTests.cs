using System.IO.Compression;
using NoduleScope.Dicom;
using NoduleScope.Imaging.Series;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.TestSupport;

namespace NoduleScope.Imaging.Tests.Series;

public sealed class DicomInputScannerTests
{
    [Fact]
    public void DicomDirFindsTheInstancesItReferences()
    {
        string root = SharedData.Require("dicom-corpus/pydicom/test_files/dicomdirtests");
        var viaDicomDir = new DicomInputScanner().Scan(Path.Combine(root, "DICOMDIR"));
        var viaFolder = new DicomInputScanner().Scan(Path.Combine(root, "98892003"));
        Assert.NotEmpty(viaDicomDir.Series);
        var fromDir = viaDicomDir.Series.SelectMany(s => s.Instances).Select(i => i.SopInstanceUid).ToHashSet();
        var fromFolder = viaFolder.Series.SelectMany(s => s.Instances).Select(i => i.SopInstanceUid).ToHashSet();
        Assert.Superset(fromFolder, fromDir);
        Assert.Empty(viaDicomDir.Errors);

        // The DICOMDIR lists 31 images (dcmdump shows 31 ReferencedFileID values) in three patient folders.
        Assert.Equal(31, fromDir.Count);
    }

    [Fact]
    public void ZipBombEntriesAreRefused()
    {
        using var temp = new TempFolder();
        string zip = temp["bomb.zip"];
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            var entry = archive.CreateEntry("IM1.dcm", CompressionLevel.SmallestSize);
            using var s = entry.Open();
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++)
            {
                s.Write(zeros);
            }
        }

        var result = new DicomInputScanner().Scan(zip);
        Assert.Empty(result.Series);
        var error = Assert.Single(result.Errors);
        Assert.Contains("zip bomb", error);
        Assert.Contains("IM1.dcm", error);
    }

    [Fact]
    public void SeveralAcquisitionsInOneSeriesKeepTheLargest()
    {
        using var temp = new TempFolder();
        var volume = TestVolumes.Gradient(5, 5, 6, new Vector3D(1, 1, 2), new Vector3D(0, 0, 0));
        var first = DicomSeriesWriter.Write(volume, Path.Combine(temp.Path, "a"), new DicomSeriesWriterOptions { Seed = "acq", StudyInstanceUid = "1.2.3.8", SeriesInstanceUid = "1.2.3.9" });
        var second = DicomSeriesWriter.Write(TestVolumes.Gradient(5, 5, 3, new Vector3D(1, 1, 2), new Vector3D(0, 0, 0)), Path.Combine(temp.Path, "b"), new DicomSeriesWriterOptions { Seed = "acq2", StudyInstanceUid = "1.2.3.8", SeriesInstanceUid = "1.2.3.9" });
        foreach (var (files, acquisition) in new[] { (first, 1), (second, 2) })
        {
            foreach (string f in files)
            {
                var file = DicomFile.Open(f);
                file.Dataset.AddString(DicomTags.AcquisitionNumber, DicomVR.IS, acquisition.ToString(System.Globalization.CultureInfo.InvariantCulture));
                DicomWriter.WriteFile(f, file.Dataset);
            }
        }

        var series = Assert.Single(new DicomInputScanner().Scan(temp.Path).Series);
        var geometry = series.Geometry;
        Assert.Null(geometry.Problem);
        Assert.Equal(6, geometry.SliceCount);
        Assert.Contains(geometry.Warnings, w => w.Contains("2 acquisitions", StringComparison.Ordinal));
    }

    [Fact]
    public void GantryTiltIsReportedAndThePositionsAreKept()
    {
        using var temp = new TempFolder();
        var volume = TestVolumes.Gradient(5, 5, 5, new Vector3D(1, 1, 2), new Vector3D(0, 0, 0));
        var files = DicomSeriesWriter.Write(volume, temp.Path, new DicomSeriesWriterOptions { Seed = "tilt" });
        double shiftPerSlice = 2 * Math.Tan(15 * Math.PI / 180);
        for (int k = 0; k < files.Count; k++)
        {
            var file = DicomFile.Open(files[k]);
            var p = file.Dataset.GetDoubles(DicomTags.ImagePositionPatient)!;
            file.Dataset.AddDecimals(DicomTags.ImagePositionPatient, p[0], p[1] + (k * shiftPerSlice), p[2]);
            DicomWriter.WriteFile(files[k], file.Dataset);
        }

        var series = Assert.Single(new DicomInputScanner().Scan(temp.Path).Series);
        Assert.InRange(series.Geometry.TiltDegrees, 14.9, 15.1);
        Assert.Contains(series.Geometry.Warnings, w => w.Contains("gantry tilt", StringComparison.Ordinal));
        var assembled = new SeriesAssembler(new PixelCodecRegistry()).Assemble(series).Volume;
        var last = assembled.VoxelToWorld(0, 0, 4);
        Assert.Equal(4 * shiftPerSlice, last.Y, 3);
        Assert.Equal(8, last.Z, 3);
    }
}
