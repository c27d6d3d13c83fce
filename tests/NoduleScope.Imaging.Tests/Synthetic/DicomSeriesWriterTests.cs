using NoduleScope.Dicom;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging.Series;
using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.Imaging.Tests.Synthetic;

public sealed class DicomSeriesWriterTests
{
    private static readonly DicomSeriesWriterOptions Options = new()
    {
        Seed = "writer-tests",
        PatientId = "P-0042",
        PatientName = "Test^Patient",
        StudyInstanceUid = "1.2.826.0.1.3680043.10.1.1",
        SeriesInstanceUid = "1.2.826.0.1.3680043.10.1.2",
        FrameOfReferenceUid = "1.2.826.0.1.3680043.10.1.3",
        SeriesNumber = 7,
        SeriesDescription = "Phantom 2.5 mm",
    };

    [Fact]
    public void WritesOneCtImageFilePerSliceWithTheVolumeGeometry()
    {
        using var folder = new ScratchFolder();
        var phantom = SyntheticChestPhantom.Create(64, 12, 2.5, seed: 4);

        var files = DicomSeriesWriter.Write(phantom, folder.Path, Options with { SliceThickness = 3 });

        Assert.Equal(12, files.Count);
        Assert.Equal(Path.Combine(folder.Path, "IM00001.dcm"), files[0]);
        Assert.Equal(Path.Combine(folder.Path, "IM00012.dcm"), files[11]);
        var file = DicomFile.Open(files[2]);
        var ds = file.Dataset;
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian.Uid, file.TransferSyntax.Uid);
        Assert.Equal(DicomSeriesWriter.CtImageStorageUid, ds.GetString(DicomTags.SOPClassUID));
        Assert.Equal("CT", ds.GetString(DicomTags.Modality));
        Assert.Equal("P-0042", ds.GetString(DicomTags.PatientID));
        Assert.Equal(Options.StudyInstanceUid, ds.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal(Options.SeriesInstanceUid, ds.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal(Options.FrameOfReferenceUid, ds.GetString(DicomTags.FrameOfReferenceUID));
        Assert.True(ds.TryGetInt32(DicomTags.SeriesNumber, out int seriesNumber) && seriesNumber == 7);
        Assert.True(ds.TryGetInt32(DicomTags.InstanceNumber, out int instanceNumber) && instanceNumber == 3);
        Assert.True(ds.TryGetInt32(DicomTags.Rows, out int rows) && rows == 64);
        Assert.True(ds.TryGetInt32(DicomTags.Columns, out int columns) && columns == 64);
        Assert.True(ds.TryGetInt32(DicomTags.PixelRepresentation, out int signed) && signed == 1);
        Assert.True(ds.TryGetInt32(DicomTags.BitsStored, out int bits) && bits == 16);

        var expectedPosition = phantom.VoxelToWorld(0, 0, 2);
        AssertValues([expectedPosition.X, expectedPosition.Y, expectedPosition.Z], ds.GetDoubles(DicomTags.ImagePositionPatient));
        AssertValues([1, 0, 0, 0, 1, 0], ds.GetDoubles(DicomTags.ImageOrientationPatient));
        AssertValues([2.5, 2.5], ds.GetDoubles(DicomTags.PixelSpacing));
        AssertValues([3], ds.GetDoubles(DicomTags.SliceThickness));
        AssertValues([-1024], ds.GetDoubles(DicomTags.RescaleIntercept));
        AssertValues([1], ds.GetDoubles(DicomTags.RescaleSlope));

        var pixels = DicomPixelData.Create(ds, file.TransferSyntax, files[2]).DecodeFrame(0, DicomCodecs.Default);
        short stored = BitConverter.ToInt16(pixels, ((10 * 64) + 20) * 2);
        Assert.Equal(phantom[20, 10, 2] + 1024, stored);
    }

    [Fact]
    public void SameSeedGivesSameInstanceUidsAndNoSeedGivesFreshOnes()
    {
        using var first = new ScratchFolder();
        using var second = new ScratchFolder();
        using var third = new ScratchFolder();
        var volume = SyntheticChestPhantom.Create(32, 3, 5, seed: 1);

        var a = DicomSeriesWriter.Write(volume, first.Path, Options);
        var b = DicomSeriesWriter.Write(volume, second.Path, Options);
        var c = DicomSeriesWriter.Write(volume, third.Path);

        Assert.Equal(a.Select(SopInstanceUid), b.Select(SopInstanceUid));
        Assert.Equal(3, a.Select(SopInstanceUid).Distinct().Count());
        Assert.Empty(a.Select(SopInstanceUid).Intersect(c.Select(SopInstanceUid)));
        Assert.All(c, path => Assert.True(DicomUid.IsValid(SopInstanceUid(path))));
        Assert.True(DicomUid.IsValid(DicomFile.Open(c[0]).Dataset.GetString(DicomTags.StudyInstanceUID)));
    }

    [Fact]
    public void RefusesValuesThatDoNotFitTheStoredRange()
    {
        using var folder = new ScratchFolder();
        var volume = CtVolume.CreateAxial(4, 4, 2, new Vector3D(1, 1, 1), Vector3D.Zero);
        volume[1, 1, 1] = 32000;

        var e = Assert.Throws<ArgumentException>(() => DicomSeriesWriter.Write(volume, folder.Path, Options));
        Assert.Contains("32000", e.Message);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void AxialPhantomComesBackVoxelForVoxel()
    {
        using var folder = new ScratchFolder();
        var phantom = SyntheticChestPhantom.Create(64, 16, 2.5, seed: 9);
        DicomSeriesWriter.Write(phantom, folder.Path, Options);

        var assembled = Assemble(folder.Path);

        Assert.Equal(phantom.Voxels, assembled.Voxels);
        AssertSameGeometry(phantom, assembled);
        Assert.Equal(Options.SeriesInstanceUid, assembled.Source.SeriesInstanceUid);
        Assert.Equal(Options.FrameOfReferenceUid, assembled.Source.FrameOfReferenceUid);
    }

    [Fact]
    public void ObliquePhantomComesBackVoxelForVoxelWithItsDirections()
    {
        using var folder = new ScratchFolder();
        var axial = SyntheticChestPhantom.Create(48, 10, 1.7, seed: 11);
        double yaw = 25 * Math.PI / 180, pitch = 12 * Math.PI / 180;
        var directionX = new Vector3D(Math.Cos(yaw), Math.Sin(yaw), 0);
        var directionY = new Vector3D(-Math.Sin(yaw) * Math.Cos(pitch), Math.Cos(yaw) * Math.Cos(pitch), Math.Sin(pitch));
        var oblique = new CtVolume(48, 48, 10, new Vector3D(0.8, 0.9, 1.7), new Vector3D(-31.25, 17.5, -120.125), directionX, directionY, directionX.Cross(directionY), axial.Voxels);
        DicomSeriesWriter.Write(oblique, folder.Path, Options);

        var assembled = Assemble(folder.Path);

        Assert.Equal(oblique.Voxels, assembled.Voxels);
        AssertSameGeometry(oblique, assembled);
        Assert.True((assembled.DirectionX - directionX).Length < 1e-6);
        Assert.True((assembled.DirectionY - directionY).Length < 1e-6);
        Assert.True((assembled.DirectionZ - directionX.Cross(directionY)).Length < 1e-6);
    }

    private static CtVolume Assemble(string folder)
    {
        var scan = new DicomInputScanner().Scan(folder);
        Assert.Empty(scan.Errors);
        var series = Assert.Single(scan.Series);
        var assembled = new SeriesAssembler(DicomCodecs.Default).Assemble(series);
        Assert.Empty(assembled.Warnings);
        return assembled.Volume;
    }

    private static void AssertSameGeometry(CtVolume expected, CtVolume actual)
    {
        Assert.Equal((expected.SizeX, expected.SizeY, expected.SizeZ), (actual.SizeX, actual.SizeY, actual.SizeZ));
        Assert.True((expected.Spacing - actual.Spacing).Length < 1e-4, $"spacing {actual.Spacing}, expected {expected.Spacing}");
        for (int corner = 0; corner < 8; corner++)
        {
            var index = new Vector3D((corner & 1) * (expected.SizeX - 1), ((corner >> 1) & 1) * (expected.SizeY - 1), ((corner >> 2) & 1) * (expected.SizeZ - 1));
            double distance = (expected.VoxelToWorld(index) - actual.VoxelToWorld(index)).Length;
            Assert.True(distance < 1e-4, $"voxel {index} is {distance} mm away from where it should be");
        }
    }

    private static void AssertValues(double[] expected, double[]? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-6);
        }
    }

    private static string SopInstanceUid(string path) => DicomFile.Open(path).SopInstanceUid!;
}
