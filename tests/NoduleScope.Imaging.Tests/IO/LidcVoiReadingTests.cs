using System.Globalization;
using NoduleScope.Imaging.IO;
using NoduleScope.TestSupport;

namespace NoduleScope.Imaging.Tests.IO;

/// <summary>Reads the real LIDC nodule crops (NIfTI, qform only, RAS) and checks them against LUNA16's LPS centres.</summary>
public sealed class LidcVoiReadingTests
{
    private const int RowsChecked = 20;

    [Fact]
    public void EachNoduleCentreLiesNearTheMiddleOfItsCrop()
    {
        string folder = SharedData.Require("data/lidc-vois");
        string[] lines = File.ReadAllLines(Path.Combine(folder, "nodules.csv"));
        string[] columns = lines[0].Split(',');
        int patient = Array.IndexOf(columns, "patient_id");
        int nodule = Array.IndexOf(columns, "nodule_id");
        int coordX = Array.IndexOf(columns, "coordX");
        int checkedCount = 0;
        for (int row = 1; row < lines.Length && checkedCount < RowsChecked; row++)
        {
            string[] cells = lines[row].Split(',');
            string name = $"{cells[patient]}_R_{cells[nodule]}.nii.gz";
            string imagePath = Path.Combine(folder, "image", name);
            if (!File.Exists(imagePath))
            {
                continue;
            }

            var centre = new Vector3D(Parse(cells[coordX]), Parse(cells[coordX + 1]), Parse(cells[coordX + 2]));
            CtVolume image = NiftiReader.Read(imagePath);
            Vector3D index = image.WorldToVoxel(centre);

            AssertNearMiddle(index.X, image.SizeX, name, "x");
            AssertNearMiddle(index.Y, image.SizeY, name, "y");
            AssertNearMiddle(index.Z, image.SizeZ, name, "z");
            Assert.Equal(1, image.DirectionZ.Z, 6);

            CtVolume mask = NiftiReader.ReadMask(Path.Combine(folder, "mask", name));
            Assert.Equal(image.VoxelCount, mask.VoxelCount);
            TestVolumes.AssertSameGeometry(image, mask, 1e-6);
            Assert.Contains((short)1, mask.Voxels);
            checkedCount++;
        }

        if (checkedCount == 0)
        {
            Assert.Skip($"no LIDC crops found under {folder}");
        }
    }

    private static void AssertNearMiddle(double index, int size, string name, string axis)
    {
        double middle = (size - 1) / 2.0;
        double allowed = Math.Max(1.5, size * 0.2);
        Assert.True(
            Math.Abs(index - middle) <= allowed,
            $"{name}: nodule centre at {axis} index {index:0.00}, crop size {size} (middle {middle:0.0}, allowed ±{allowed:0.0})");
    }

    private static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
