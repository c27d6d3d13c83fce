using System.Diagnostics;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging.IO;
using NoduleScope.Imaging.Series;
using NoduleScope.TestSupport;

namespace NoduleScope.Imaging.Tests.Series;

/// <summary>The real chest CTs of ../shared/data/ct: each assembles, and our NIfTI equals dcm2niix's voxel by voxel
/// in world space (skipped when the data or dcm2niix is absent).</summary>
public sealed class RealChestCtTests
{
    public static TheoryData<string, int, int, int, double> Cases => new()
    {
        { "data/ct/ricord-1a-419639/dicom", 512, 512, 255, 1.25 },
        { "data/ct/tcga-de-a4ma-thorax/dicom", 512, 512, 97, 2.5 },
        { "data/ct/lung-pet-ct-dx/A0001-5mm", 512, 512, 64, 5.0 },
    };

    private static bool IsInteger(Vector3D v) =>
        Math.Abs(v.X - Math.Round(v.X)) < 0.01 && Math.Abs(v.Y - Math.Round(v.Y)) < 0.01 && Math.Abs(v.Z - Math.Round(v.Z)) < 0.01;

    [Theory]
    [MemberData(nameof(Cases))]
    public void AssemblesWithTheExpectedGeometryAndLungs(string folder, int sx, int sy, int sz, double spacingZ)
    {
        string path = SharedData.Require(folder);
        var scan = new DicomInputScanner().Scan(path);
        var selection = SeriesSelector.Select(scan.Series);
        Assert.NotNull(selection.Chosen);
        var volume = new SeriesAssembler(DicomCodecs.Default).Assemble(selection.Chosen).Volume;
        Assert.Equal((sx, sy, sz), (volume.SizeX, volume.SizeY, volume.SizeZ));
        Assert.Equal(spacingZ, volume.Spacing.Z, 3);

        long lung = 0;
        foreach (short v in volume.Voxels)
        {
            if (v is > -950 and < -700)
            {
                lung++;
            }
        }

        // Aerated lung is a large share of any chest CT.
        Assert.InRange(lung / (double)volume.VoxelCount, 0.05, 0.6);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ConvertedNiftiEqualsDcm2niixInWorldSpace(string folder, int sx, int sy, int sz, double spacingZ)
    {
        _ = (sx, sy, sz, spacingZ);
        string path = SharedData.Require(folder);
        if (!File.Exists("/usr/bin/dcm2niix"))
        {
            Assert.Skip("dcm2niix is not installed (Debian package dcm2niix)");
        }

        using var temp = new TempFolder();
        var run = Process.Start(new ProcessStartInfo("/usr/bin/dcm2niix", ["-z", "n", "-b", "n", "-f", "peer", "-o", temp.Path, path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        run.StandardOutput.ReadToEnd();
        run.StandardError.ReadToEnd();
        run.WaitForExit();
        Assert.Equal(0, run.ExitCode);
        var peer = NiftiReader.Read(Path.Combine(temp.Path, "peer.nii"));

        var scan = new DicomInputScanner().Scan(path);
        var volume = new SeriesAssembler(DicomCodecs.Default).Assemble(SeriesSelector.Select(scan.Series).Chosen!).Volume;
        string ours = Path.Combine(temp.Path, "ours.nii");
        NiftiWriter.Write(volume, ours);
        var mine = NiftiReader.Read(ours);

        Assert.Equal(peer.VoxelCount, mine.VoxelCount);

        // Both grids are regular: map our index axes onto the peer's once, then walk every voxel.
        var origin = peer.WorldToVoxel(mine.VoxelToWorld(0, 0, 0));
        var stepX = peer.WorldToVoxel(mine.VoxelToWorld(1, 0, 0)) - origin;
        var stepY = peer.WorldToVoxel(mine.VoxelToWorld(0, 1, 0)) - origin;
        var stepZ = peer.WorldToVoxel(mine.VoxelToWorld(0, 0, 1)) - origin;
        foreach (var v in new[] { origin, stepX, stepY, stepZ })
        {
            Assert.True(IsInteger(v), $"our voxel grid does not land on dcm2niix's: {v}");
        }

        long compared = 0;
        for (int z = 0; z < mine.SizeZ; z++)
        {
            for (int y = 0; y < mine.SizeY; y++)
            {
                for (int x = 0; x < mine.SizeX; x++)
                {
                    var p = origin + (stepX * x) + (stepY * y) + (stepZ * z);
                    int px = (int)Math.Round(p.X), py = (int)Math.Round(p.Y), pz = (int)Math.Round(p.Z);
                    if (!peer.Contains(px, py, pz) || mine[x, y, z] != peer[px, py, pz])
                    {
                        Assert.Fail($"voxel ({x},{y},{z}) at {mine.VoxelToWorld(x, y, z)}: ours {mine[x, y, z]} HU, dcm2niix voxel {p}");
                    }

                    compared++;
                }
            }
        }

        Assert.Equal(mine.VoxelCount, compared);
    }
}
