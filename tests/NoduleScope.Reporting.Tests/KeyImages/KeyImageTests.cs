using NoduleScope.Dicom;
using NoduleScope.Reporting.Dicom;
using NoduleScope.Reporting.KeyImages;
using NoduleScope.Reporting.Seg;
using NoduleScope.Reporting.Tests.Outputs;
using SkiaSharp;

namespace NoduleScope.Reporting.Tests.KeyImages;

public sealed class KeyImageTests
{
    private static readonly DateTimeOffset Created = new(2025, 3, 4, 10, 20, 30, TimeSpan.Zero);

    [Fact]
    public void KeyImageIsTheLargestMaskSliceWithOutlineAndBothAxes()
    {
        var study = StudyCase.Phantom;
        foreach (var nodule in study.Document.Findings)
        {
            var mask = study.Masks.Single(m => m.FindingId == nodule.Id);
            var image = KeyImageRenderer.Render(study.Volume, nodule, mask);

            byte[] full = VolumeMaskPlacement.Rasterize(mask.Mask, study.Volume);
            int largest = Enumerable.Range(0, study.Volume.SizeZ).MaxBy(z => full.AsSpan(z * study.Volume.SliceLength, study.Volume.SliceLength).Count((byte)1));
            Assert.Equal(largest, image.Slice);

            using var decoded = SKBitmap.Decode(image.Png);
            Assert.Equal((320, 320), (decoded.Width, decoded.Height));
            Assert.True(Count(decoded, KeyImageRenderer.OutlineColor) > 20, $"no outline drawn for nodule {nodule.Id}");
            Assert.True(Count(decoded, KeyImageRenderer.LongAxisColor) > 5, $"no long axis drawn for nodule {nodule.Id}");
            Assert.True(Count(decoded, KeyImageRenderer.ShortAxisColor) > 5, $"no short axis drawn for nodule {nodule.Id}");
            // Lung window: dark lung, bright nodule and chest wall, so many grey levels.
            Assert.True(GreyLevels(decoded) > 50, "the crop looks blank");
            for (int i = 0; i < image.Width * image.Height; i += 997)
            {
                var c = decoded.GetPixel(i % image.Width, i / image.Width);
                Assert.Equal((c.Red, c.Green, c.Blue), (image.Rgb[i * 3], image.Rgb[(i * 3) + 1], image.Rgb[(i * 3) + 2]));
            }
        }
    }

    [Fact]
    public void WithoutAMaskTheNoduleIsCircled()
    {
        var study = StudyCase.Phantom;
        var nodule = study.Document.Findings[0];

        var image = KeyImageRenderer.Render(study.Volume, nodule, mask: null);

        using var decoded = SKBitmap.Decode(image.Png);
        Assert.True(Count(decoded, KeyImageRenderer.OutlineColor) > 20);
        Assert.Equal((int)Math.Round(nodule.CenterVoxel[2]), image.Slice);
    }

    [Fact]
    public void AxesOfARectangleAreItsDiagonalAndTheLongestChordAcrossIt()
    {
        var pixels = new List<(int X, int Y)>();
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 10; x++)
            {
                pixels.Add((x, y));
            }
        }

        var axes = SliceAxes.Measure(pixels, 1, 1)!;

        double longLength = Distance(axes.LongStart, axes.LongEnd);
        Assert.Equal(Math.Sqrt((9 * 9) + (3 * 3)), longLength, 1e-9);
        var u = ((axes.LongEnd.X - axes.LongStart.X) / longLength, (axes.LongEnd.Y - axes.LongStart.Y) / longLength);
        var s = (axes.ShortEnd.X - axes.ShortStart.X, axes.ShortEnd.Y - axes.ShortStart.Y);
        Assert.Equal(0, (u.Item1 * s.Item1) + (u.Item2 * s.Item2), 1e-9);
        Assert.InRange(Distance(axes.ShortStart, axes.ShortEnd), 3.0, 4.5);
    }

    [Fact]
    public void SecondaryCapturePassesDciodvfyAndReferencesTheSlice()
    {
        var study = StudyCase.Phantom;
        var nodule = study.Document.Findings[0];
        var image = KeyImageRenderer.Render(study.Volume, nodule, study.Masks.Single(m => m.FindingId == nodule.Id));
        var series = new DerivedSeries(DicomUid.Generate(), 9903, "OT", "NoduleScope key images");
        using var temp = new TempFolder();
        string path = temp["sc.dcm"];

        DicomWriter.WriteFile(path, SecondaryCaptureWriter.Build(image, nodule, study.Volume, study.Source, series, 1, "0.1.0", Created));

        ExternalTool.AssertValidDicom(path);
        var dataset = DicomFile.Open(path).Dataset;
        Assert.Equal(study.Source.SliceSopInstanceUids[image.Slice], dataset.GetSequence(DicomTags.SourceImageSequence)!.Items[0].GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal(study.Header.GetString(DicomTags.StudyInstanceUID), dataset.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal(image.Rgb, dataset.GetElement(DicomTags.PixelData)!.Data.ToArray());
    }

    internal static int Count(SKBitmap bitmap, SKColor color)
    {
        int n = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (Math.Abs(c.Red - color.Red) + Math.Abs(c.Green - color.Green) + Math.Abs(c.Blue - color.Blue) < 30)
                {
                    n++;
                }
            }
        }

        return n;
    }

    private static int GreyLevels(SKBitmap bitmap)
    {
        var levels = new HashSet<byte>();
        for (int y = 0; y < bitmap.Height; y += 2)
        {
            for (int x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red == c.Green && c.Green == c.Blue)
                {
                    levels.Add(c.Red);
                }
            }
        }

        return levels.Count;
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
