using NoduleScope.Dicom;

namespace NoduleScope.Dicom.Codecs.Tests;

/// <summary>Frames are decoded in parallel by the loader: every codec must give the same pixels on many threads.</summary>
public sealed class ParallelDecodeTests
{
    [Fact]
    public void CodecsDecodeTheSameFramesConcurrently()
    {
        string[] paths =
        [
            "dicom-corpus/nema-wg04/JPLL/CT1_JPLL",
            "dicom-corpus/nema-wg04/JPLY/MR1_JPLY",
            "dicom-corpus/nema-wg04/JLSL/CT1_JLSL",
            "dicom-corpus/nema-wg04/J2KR/CT1_J2KR",
            "dicom-corpus/nema-wg04/RLE/CT1_RLE",
        ];
        var registry = DicomCodecs.Default;
        var images = paths.Select(CorpusImage.Open).ToArray();
        var expected = images.Select(image => image.Decode(registry.Get(image.TransferSyntax))).ToArray();

        Parallel.For(0, images.Length * 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var image = images[i % images.Length];
            byte[] decoded = image.Decode(registry.Get(image.TransferSyntax));
            Assert.True(decoded.AsSpan().SequenceEqual(expected[i % images.Length]), $"{image.Path} decoded differently on a parallel thread");
        });
    }
}
