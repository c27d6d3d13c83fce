using NoduleScope.Detection.Lungs;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Series;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.TestSupport;

namespace NoduleScope.Detection.Tests;

public sealed class LungSegmenterTests
{
    [Fact]
    public void FindsBothPhantomLungsWithTheirSidesAndKeepsNodulesInside()
    {
        var volume = SyntheticChestPhantom.Create(160, 100, 2.0, 1);
        var lungs = new LungSegmenter().Segment(volume);

        // The phantom's lungs are mirror images of each other.
        Assert.InRange(lungs.RightVolumeMl, 500, 3000);
        Assert.InRange(lungs.LeftVolumeMl / lungs.RightVolumeMl, 0.9, 1.1);
        foreach (var nodule in SyntheticChestPhantom.Nodules(160, 100, 2.0, 1))
        {
            byte side = lungs.LungAt(nodule.Center);
            Assert.Equal(nodule.Center.X > 0 ? LungSegmentation.LeftLung : LungSegmentation.RightLung, side);
        }

        // Air outside the body and the body wall are not lung.
        Assert.Equal(0, lungs.LungAt(volume.VoxelToWorld(0, 0, 50)));
        Assert.Equal(0, lungs.LungAt(volume.VoxelToWorld(80, 80, 50)));
    }

    [Theory]
    [InlineData("data/ct/ricord-1a-419639/dicom")]
    [InlineData("data/ct/tcga-de-a4ma-thorax/dicom")]
    [InlineData("data/ct/lung-pet-ct-dx/A0001-5mm")]
    public void SegmentsRealChestCtsIntoTwoLungsWithoutTheAirway(string folder)
    {
        string path = SharedData.Require(folder);
        var scan = new DicomInputScanner().Scan(path);
        var volume = new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { PaddingToAir = true }).Assemble(SeriesSelector.Select(scan.Series).Chosen!).Volume;
        var lungs = new LungSegmenter().Segment(volume);

        // Adult lungs hold 1.5 to 4 litres each at inspiration.
        Assert.InRange(lungs.RightVolumeMl, 1200, 4500);
        Assert.InRange(lungs.LeftVolumeMl, 1000, 4000);
        Assert.True(lungs.AirwayRemoved, string.Join("; ", lungs.Warnings));
    }
}
