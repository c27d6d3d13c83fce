using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.Outputs;
using NoduleScope.Reporting.Seg;
using NoduleScope.Reporting.Sr;
using NoduleScope.TestSupport;

namespace NoduleScope.Reporting.Tests.Outputs;

/// <summary>
/// The DICOM outputs made on each real CT of ../shared/data/ct (three scanners, three transfer syntaxes, signed and
/// unsigned pixels, overlapping slices): two spherical nodule masks in each lung's region of the CT's own grid stand
/// in for detector findings, which keeps the test to the geometry and encoding that the outputs depend on.
/// </summary>
public sealed class RealCtOutputTests
{
    [Theory]
    [InlineData("data/ct/ricord-1a-419639/dicom")]
    [InlineData("data/ct/tcga-de-a4ma-thorax/dicom")]
    [InlineData("data/ct/lung-pet-ct-dx/A0001-5mm")]
    public void DicomOutputsPassDciodvfyAndReadBack(string relative)
    {
        string folder = SharedData.Require(relative);
        ExternalTool.Require("dciodvfy", "dicom3tools");
        string dsrdump = ExternalTool.Require("dsrdump", "dcmtk");
        var (volume, header) = StudyCase.Load(folder);
        var masks = new[] { SphereMask(1, volume, 0.32), SphereMask(2, volume, 0.68) };
        var document = StudyCase.WithCharacterization(Document(volume, masks, folder));
        using var temp = new TempFolder();

        var written = ResultsWriter.Write(new ReportInputs { Document = document, Volume = volume, Masks = masks, SourceHeader = header }, temp.Path, OutputKinds.All);

        Assert.Empty(written.Warnings);
        var dicom = written.Files.Where(f => f.EndsWith(".dcm", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, dicom.Count); // SR, SEG, 2 SC, PDF
        foreach (string path in dicom)
        {
            ExternalTool.AssertValidDicom(path);
        }

        string sr = Path.Combine(temp.Path, "dicom", "SR.dcm");
        var (exit, tree, log) = ExternalTool.Run(dsrdump, "+Pc", sr);
        Assert.True(exit == 0, "dsrdump failed: " + log);
        Assert.Contains("<CONTAINER:(126000,DCM,\"Imaging Measurement Report\")=SEPARATE>", tree, StringComparison.Ordinal);

        var report = MeasurementReportReader.Read(DicomFile.Open(sr).Dataset);
        Assert.Equal(volume.Source.SopInstanceUids, report.ImageLibrary);
        foreach (var (expected, actual) in document.Findings.Zip(report.Nodules, (e, a) => (e, a)))
        {
            Assert.Equal(expected.VolumeMm3, actual.VolumeMm3);
            Assert.Equal(expected.MeanHu, actual.MeanHu);
            Assert.Equal(expected.Characterization!.LungRadsCategory, actual.LungRadsCategory);
            Assert.Equal(volume.Source.FrameOfReferenceUid, actual.FrameOfReferenceUid);
            for (int axis = 0; axis < 3; axis++)
            {
                Assert.Equal(expected.CenterWorld[axis], actual.Center![axis], 1e-3);
            }
        }

        var seg = SegmentationReader.Read(DicomFile.Open(Path.Combine(temp.Path, "dicom", "SEG.dcm")).Dataset);
        foreach (var (mask, segment) in masks.Zip(seg.Segments))
        {
            Assert.True(VolumeMaskPlacement.Rasterize(mask.Mask, volume).AsSpan().SequenceEqual(seg.ToVolumeMask(segment.Number, volume)), $"segment {segment.Number} of {relative} does not read back voxel-exact");
        }
    }

    /// <summary>A 5 mm radius sphere at <paramref name="xFraction"/> of the width, 45 % of the height, mid-volume,
    /// on a crop of the CT grid as the segmenter makes them.</summary>
    private static NoduleMask SphereMask(int id, CtVolume volume, double xFraction)
    {
        const double RadiusMm = 5;
        var centre = volume.VoxelToWorld(xFraction * (volume.SizeX - 1), 0.45 * (volume.SizeY - 1), (volume.SizeZ - 1) / 2.0 + id);
        var c = volume.WorldToVoxel(centre);
        int rx = (int)Math.Ceiling(RadiusMm / volume.Spacing.X) + 1, ry = (int)Math.Ceiling(RadiusMm / volume.Spacing.Y) + 1, rz = (int)Math.Ceiling(RadiusMm / volume.Spacing.Z) + 1;
        int x0 = Math.Max(0, (int)c.X - rx), y0 = Math.Max(0, (int)c.Y - ry), z0 = Math.Max(0, (int)c.Z - rz);
        var grid = volume.Grid.Crop(x0, y0, z0, Math.Min(volume.SizeX, (int)c.X + rx + 1), Math.Min(volume.SizeY, (int)c.Y + ry + 1), Math.Min(volume.SizeZ, (int)c.Z + rz + 1));
        var mask = new MaskVolume(grid);
        for (int z = 0; z < grid.SizeZ; z++)
        {
            for (int y = 0; y < grid.SizeY; y++)
            {
                for (int x = 0; x < grid.SizeX; x++)
                {
                    mask[x, y, z] = (grid.VoxelToWorld(x, y, z) - centre).Length <= RadiusMm ? (byte)1 : (byte)0;
                }
            }
        }

        return new NoduleMask(id, mask);
    }

    private static FindingsDocument Document(CtVolume volume, IReadOnlyList<NoduleMask> masks, string path)
    {
        var findings = new List<FindingsNodule>();
        foreach (var m in masks)
        {
            var g = m.Mask.Grid;
            var at = VolumeMaskPlacement.Of(m.Mask, volume);
            double sumHu = 0, maxHu = double.MinValue;
            var sum = Vector3D.Zero;
            long count = 0;
            for (int z = 0; z < g.SizeZ; z++)
            {
                for (int y = 0; y < g.SizeY; y++)
                {
                    for (int x = 0; x < g.SizeX; x++)
                    {
                        if (m.Mask[x, y, z] != 0)
                        {
                            short hu = volume[x + at.OffsetX, y + at.OffsetY, z + at.OffsetZ];
                            sumHu += hu;
                            maxHu = Math.Max(maxHu, hu);
                            sum += g.VoxelToWorld(x, y, z);
                            count++;
                        }
                    }
                }
            }

            var centre = sum / count;
            var voxel = volume.WorldToVoxel(centre);
            findings.Add(new FindingsNodule
            {
                Id = m.FindingId,
                Probability = 0.9,
                CenterWorld = [Math.Round(centre.X, 2), Math.Round(centre.Y, 2), Math.Round(centre.Z, 2)],
                CenterVoxel = [Math.Round(voxel.X, 2), Math.Round(voxel.Y, 2), Math.Round(voxel.Z, 2)],
                Lung = voxel.X < volume.SizeX / 2.0 ? "right" : "left",
                BoundsMinWorld = [g.Origin.X, g.Origin.Y, g.Origin.Z],
                BoundsMaxWorld = [g.VoxelToWorld(g.SizeX - 1, g.SizeY - 1, g.SizeZ - 1).X, g.VoxelToWorld(g.SizeX - 1, g.SizeY - 1, g.SizeZ - 1).Y, g.VoxelToWorld(g.SizeX - 1, g.SizeY - 1, g.SizeZ - 1).Z],
                LongAxisMm = 10,
                ShortAxisMm = 9.5,
                MeanDiameterMm = 9.8,
                VolumeMm3 = Math.Round(count * g.VoxelVolume),
                MeanHu = Math.Round(sumHu / count),
                MaxHu = maxHu,
                SolidVolumeMm3 = 0,
                SolidMeanDiameterMm = 0,
            });
        }

        return new FindingsDocument
        {
            Software = new FindingsSoftware("NoduleScope", "0.1.0", "test masks", "none"),
            Input = new FindingsInput
            {
                Path = path,
                StudyInstanceUid = volume.Source.StudyInstanceUid,
                SeriesInstanceUid = volume.Source.SeriesInstanceUid,
                FrameOfReferenceUid = volume.Source.FrameOfReferenceUid,
                Size = [volume.SizeX, volume.SizeY, volume.SizeZ],
                Spacing = [volume.Spacing.X, volume.Spacing.Y, volume.Spacing.Z],
                Origin = [volume.Origin.X, volume.Origin.Y, volume.Origin.Z],
                Direction = [volume.DirectionX.X, volume.DirectionX.Y, volume.DirectionX.Z, volume.DirectionY.X, volume.DirectionY.Y, volume.DirectionY.Z, volume.DirectionZ.X, volume.DirectionZ.Y, volume.DirectionZ.Z],
            },
            Stages = [],
            Warnings = [],
            Threshold = 0.5,
            Lungs = new FindingsLungs(0, 0, false),
            CandidateCount = masks.Count,
            Findings = findings,
        };
    }
}
