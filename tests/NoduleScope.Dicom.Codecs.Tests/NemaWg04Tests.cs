using NoduleScope.Dicom;

namespace NoduleScope.Dicom.Codecs.Tests;

/// <summary>The NEMA WG-04 compression test set: lossless frames must equal REF/*_UNC bit for bit; lossy ones must be close.</summary>
public sealed class NemaWg04Tests
{
    private static readonly PixelCodecRegistry Codecs = DicomCodecs.CreateDefaultRegistry();

    public static TheoryData<string, string> LosslessImages()
    {
        var data = new TheoryData<string, string>();
        foreach (string image in new[] { "CT1", "CT2", "MR1", "MR2", "MR3", "MR4", "NM1", "XA1" })
        {
            data.Add("JPLL", image);
            data.Add("J2KR", image);
            data.Add("RLE", image);
            if (image != "MR1")
            {
                data.Add("JLSL", image);
            }
        }

        foreach (string image in new[] { "US1", "VL1" })
        {
            data.Add("J2KR", image);
            data.Add("RLE", image);
        }

        return data;
    }

    public static TheoryData<string, string, double> LossyImages()
    {
        var data = new TheoryData<string, string, double>();
        foreach (string image in new[] { "CT1", "CT2", "MR1", "MR2", "MR3", "MR4", "NM1", "XA1" })
        {
            data.Add("J2KI", image, 40);
            data.Add("JLSN", image, 4);
        }

        foreach (string image in new[] { "MR1", "MR2", "MR3", "MR4", "NM1", "XA1" })
        {
            data.Add("JPLY", image, 20);
        }

        data.Add("J2KI", "US1", 8);
        data.Add("J2KI", "VL1", 8);
        return data;
    }

    [Theory]
    [MemberData(nameof(LosslessImages))]
    public void LosslessFramesMatchTheReferenceBitForBit(string syntax, string image)
    {
        var compressed = CorpusImage.Open($"dicom-corpus/nema-wg04/{syntax}/{image}_{syntax}");
        var reference = CorpusImage.Open($"dicom-corpus/nema-wg04/REF/{image}_UNC");
        var codec = Codecs.Get(compressed.TransferSyntax);

        byte[] decoded = compressed.Decode(codec);

        PixelComparison.AssertIdentical(reference.NativeFrame(), decoded, $"{image}_{syntax}");
    }

    [Theory]
    [MemberData(nameof(LossyImages))]
    public void LossyFramesAreCloseToTheReference(string syntax, string image, double maxMeanAbsoluteDifference)
    {
        var compressed = CorpusImage.Open($"dicom-corpus/nema-wg04/{syntax}/{image}_{syntax}");
        var reference = CorpusImage.Open($"dicom-corpus/nema-wg04/REF/{image}_UNC");
        var codec = Codecs.Get(compressed.TransferSyntax);

        byte[] decoded = compressed.Decode(codec);
        byte[] expected = reference.NativeFrame();

        Assert.Equal(expected.Length, decoded.Length);
        Assert.False(decoded.AsSpan().SequenceEqual(expected), "a lossy frame identical to the reference means the test compares the wrong thing");
        double difference = PixelComparison.MeanAbsoluteDifference(expected, decoded, reference.Description.BitsAllocated, reference.Description.IsSigned);
        Assert.True(difference <= maxMeanAbsoluteDifference, $"{image}_{syntax}: mean absolute difference {difference:F2} exceeds {maxMeanAbsoluteDifference}");
    }

    [Fact]
    public void CharLsRefusalOfMr1JlslEndsInACodecError()
    {
        var compressed = CorpusImage.Open("dicom-corpus/nema-wg04/JLSL/MR1_JLSL");
        var codec = new JpegLsCodec();
        if (!codec.IsAvailable)
        {
            Assert.Skip(codec.UnavailableReason!);
        }

        var error = Assert.Throws<DicomCodecException>(() => compressed.Decode(codec));
        Assert.Contains("CharLS", error.Message, StringComparison.Ordinal);
    }
}
