using NoduleScope.Imaging;
using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.Dicom.Network.Tests;

/// <summary>Small DICOM files made for the tests, and a way to get at a file's data set bytes.</summary>
internal static class TestFiles
{
    /// <summary>Writes a small synthetic CT series (explicit VR little endian) into <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> CtSeries(string folder, int slices = 3, int size = 32)
    {
        var voxels = new short[size * size * slices];
        for (int i = 0; i < voxels.Length; i++)
        {
            voxels[i] = (short)((i * 37 % 2000) - 1000);
        }

        var volume = CtVolume.CreateAxial(size, size, slices, new Vector3D(0.7, 0.7, 1.5), new Vector3D(-10, -10, 0), voxels);
        return DicomSeriesWriter.Write(volume, folder, new DicomSeriesWriterOptions { Seed = folder });
    }

    /// <summary>The bytes after the preamble and file meta information (what travels over the network).</summary>
    public static byte[] DataSetBytes(string path)
    {
        byte[] all = File.ReadAllBytes(path);
        using var stream = new MemoryStream(all);
        var header = Part10Header.TryRead(stream, path) ?? throw new InvalidOperationException(path + " has no file meta information");
        return all[(int)header.DataSetOffset..];
    }
}
