using System.ComponentModel;
using System.Diagnostics;
using NoduleScope.Imaging.IO;
using NoduleScope.TestSupport;

namespace NoduleScope.Imaging.Tests.IO;

/// <summary>Reads dcm2niix's conversion of a real series and checks it against the DICOM geometry.</summary>
public sealed class Dcm2niixCompatibilityTests
{
    [Fact]
    public void Dcm2niixOutputOfLungPetCtDxSeriesHasTheDicomGeometry()
    {
        string series = SharedData.Require("data/ct/lung-pet-ct-dx/A0001-5mm");
        using var folder = new TemporaryDirectory();
        RunDcm2niix(series, folder.Path);
        string path = folder.File("a0001.nii");
        Assert.True(File.Exists(path), "dcm2niix produced no a0001.nii");

        CtVolume volume = NiftiReader.Read(path);

        Assert.Equal((512, 512, 64), (volume.SizeX, volume.SizeY, volume.SizeZ));
        TestVolumes.AssertClose(new Vector3D(0.841796875, 0.841796875, 5), volume.Spacing, 1e-6);
        // ImagePositionPatient (dcmdump +P 0020,0032) of instance 1 is (−228.036842, −93.0631599, −124) and instance 64 is
        // 315 mm lower; both are the first voxel of their slice, so each must fall exactly on a corner of the volume
        // (dcm2niix reorders rows and slices, so which corner is its choice).
        AssertOnACorner(volume, new Vector3D(-228.036842, -93.0631599, -124));
        AssertOnACorner(volume, new Vector3D(-228.036842, -93.0631599, -439));
        TestVolumes.AssertClose(new Vector3D(1, 0, 0), new Vector3D(Math.Abs(volume.DirectionX.X), volume.DirectionX.Y, volume.DirectionX.Z), 1e-6);
        TestVolumes.AssertClose(new Vector3D(0, 1, 0), new Vector3D(volume.DirectionY.X, Math.Abs(volume.DirectionY.Y), volume.DirectionY.Z), 1e-6);
        TestVolumes.AssertClose(new Vector3D(0, 0, 1), new Vector3D(volume.DirectionZ.X, volume.DirectionZ.Y, Math.Abs(volume.DirectionZ.Z)), 1e-6);
        // Air outside the patient, soft tissue in the middle of a mid-chest slice (dcm2niix's scl_inter −1024 applied).
        Assert.InRange(volume[5, 5, 32], (short)-1100, (short)-900);
    }

    private static void AssertOnACorner(CtVolume volume, Vector3D world)
    {
        Vector3D index = volume.WorldToVoxel(world);
        AssertAtAnEnd(index.X, volume.SizeX, world, index);
        AssertAtAnEnd(index.Y, volume.SizeY, world, index);
        AssertAtAnEnd(index.Z, volume.SizeZ, world, index);
    }

    private static void AssertAtAnEnd(double index, int size, Vector3D world, Vector3D all) =>
        Assert.True(
            Math.Abs(index) < 1e-3 || Math.Abs(index - (size - 1)) < 1e-3,
            $"DICOM slice corner {world} maps to voxel {all}, not to a corner of the volume");

    private static void RunDcm2niix(string series, string output)
    {
        var start = new ProcessStartInfo("dcm2niix", ["-z", "n", "-f", "a0001", "-o", output, series])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("dcm2niix did not start");
        }
        catch (Win32Exception)
        {
            Assert.Skip("dcm2niix is not installed");
            return;
        }

        using (process)
        {
            _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            _ = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            if (!process.WaitForExit(60_000))
            {
                process.Kill();
                Assert.Fail("dcm2niix did not finish in 60 s");
            }

            Assert.Equal(0, process.ExitCode);
        }
    }
}
