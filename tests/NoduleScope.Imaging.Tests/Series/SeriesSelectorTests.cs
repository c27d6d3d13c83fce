using NoduleScope.Imaging.Series;
using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.Imaging.Tests.Series;

public sealed class SeriesSelectorTests
{
    [Fact]
    public void PrefersThinSlicesAndASharpKernelAndSaysWhy()
    {
        using var temp = new TempFolder();
        var thick = TestVolumes.Gradient(4, 4, 40, new Vector3D(1, 1, 5), new Vector3D(0, 0, 0));
        var thinSoft = TestVolumes.Gradient(4, 4, 160, new Vector3D(1, 1, 1.25), new Vector3D(0, 0, 0));
        var thinSharp = TestVolumes.Gradient(4, 4, 160, new Vector3D(1, 1, 1.25), new Vector3D(0, 0, 0));
        DicomSeriesWriter.Write(thick, Path.Combine(temp.Path, "1"), new DicomSeriesWriterOptions { Seed = "s1", SeriesNumber = 1, ConvolutionKernel = "B30f", StudyInstanceUid = "1.2.3" });
        DicomSeriesWriter.Write(thinSoft, Path.Combine(temp.Path, "2"), new DicomSeriesWriterOptions { Seed = "s2", SeriesNumber = 2, ConvolutionKernel = "STANDARD", StudyInstanceUid = "1.2.3" });
        DicomSeriesWriter.Write(thinSharp, Path.Combine(temp.Path, "3"), new DicomSeriesWriterOptions { Seed = "s3", SeriesNumber = 3, ConvolutionKernel = "LUNG", SeriesDescription = "Lung 1.25", StudyInstanceUid = "1.2.3" });

        var scan = new DicomInputScanner().Scan(temp.Path);
        Assert.Equal(3, scan.Series.Count);
        var selection = SeriesSelector.Select(scan.Series);
        Assert.Equal(3, selection.Chosen!.SeriesNumber);
        Assert.Contains("1.25 mm", selection.Reason);
        Assert.Contains("lung/sharp kernel LUNG", selection.Reason);
        Assert.Equal(3, selection.Ranking.Count);
        Assert.Equal(1, selection.Ranking[^1].Series.SeriesNumber);

        var chosenByUser = SeriesSelector.Select(scan.Series, scan.Series.First(s => s.SeriesNumber == 1).SeriesInstanceUid);
        Assert.Equal(1, chosenByUser.Chosen!.SeriesNumber);
        Assert.Contains("user", chosenByUser.Reason);
    }

    [Fact]
    public void NoCtSeriesGivesNoChoiceAndAReason()
    {
        var selection = SeriesSelector.Select([]);
        Assert.Null(selection.Chosen);
        Assert.Contains("no DICOM image series", selection.Reason);
    }

    [Theory]
    [InlineData("B70f", true)]
    [InlineData("LUNG", true)]
    [InlineData("FC52", true)]
    [InlineData("STANDARD", false)]
    [InlineData("B30f", false)]
    public void RecognisesSharpKernels(string kernel, bool sharp) => Assert.Equal(sharp, SeriesSelector.IsSharpKernel(kernel));
}
