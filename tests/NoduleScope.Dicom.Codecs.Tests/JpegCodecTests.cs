using System.Buffers.Binary;
using System.Security.Cryptography;
using NoduleScope.Dicom;
using NoduleScope.TestSupport;

namespace NoduleScope.Dicom.Codecs.Tests;

public sealed class JpegCodecTests
{
    private readonly JpegCodec codec = new();

    public static TheoryData<int, int, int, int, int, bool> LosslessCases()
    {
        var data = new TheoryData<int, int, int, int, int, bool>();
        for (int predictor = 1; predictor <= 7; predictor++)
        {
            data.Add(predictor, 16, 1, 0, 0, true);
            data.Add(predictor, 12, 1, 61, 0, true);
            data.Add(predictor, 8, 3, 0, 0, true);
            data.Add(predictor, 8, 3, 45, 0, false);
            data.Add(predictor, 16, 1, 45, 3, true);
        }

        data.Add(1, 2, 1, 0, 0, true);
        data.Add(1, 16, 1, 1, 0, true);
        data.Add(7, 16, 1, 7, 0, true);
        data.Add(4, 10, 3, 10, 1, true);
        return data;
    }

    /// <param name="restartInterval">0, a whole number of rows (45 is the test width) or an interval ending mid-row.</param>
    [Theory]
    [MemberData(nameof(LosslessCases))]
    public void LosslessDecoderRoundTripsEveryPredictor(int predictor, int precision, int components, int restartInterval, int pointTransform, bool interleaved)
    {
        const int Width = 45;
        const int Height = 23;
        ushort[] samples = MakeImage(Width, Height, components, precision, seed: predictor * 100 + precision);
        byte[] jpeg = LosslessJpegTestEncoder.Encode(samples, Width, Height, components, precision, predictor, restartInterval, pointTransform, interleaved);
        var description = Describe(Height, Width, components, precision > 8 ? 16 : 8, precision, 0);

        byte[] decoded = new byte[description.FrameLengthBytes];
        codec.Decode(jpeg, description, decoded);

        for (int i = 0; i < samples.Length; i++)
        {
            int expected = (samples[i] >> pointTransform) << pointTransform;
            int actual = description.BitsAllocated == 16 ? BinaryPrimitives.ReadUInt16LittleEndian(decoded.AsSpan(2 * i)) : decoded[i];
            Assert.True(expected == actual, $"sample {i} (x {i / components % Width}, y {i / components / Width}): expected {expected}, got {actual}");
        }
    }

    [Fact]
    public void SignExtendsTwelveBitSignedLosslessSamples()
    {
        ushort[] samples = [0x0FFF, 0x0800, 0x07FF, 0x0001];
        byte[] jpeg = LosslessJpegTestEncoder.Encode(samples, 2, 2, 1, 12, 1);
        byte[] decoded = new byte[8];

        codec.Decode(jpeg, Describe(2, 2, 1, 16, 12, 1), decoded);

        Assert.Equal([-1, -2048, 2047, 1], Enumerable.Range(0, 4).Select(i => (int)BinaryPrimitives.ReadInt16LittleEndian(decoded.AsSpan(2 * i))));
    }

    [Fact]
    public void OurEncoderAndJpegLibraryAgreeOnFirstOrderPrediction()
    {
        ushort[] samples = MakeImage(64, 40, 1, 16, seed: 5);
        byte[] jpeg = LosslessJpegTestEncoder.Encode(samples, 64, 40, 1, 16, 1);
        ushort[] reference = new ushort[samples.Length];

        JpegCodec.DecodeWithJpegLibrary(jpeg, JpegStreamHeader.Read(jpeg), reference);

        Assert.Equal(samples, reference);
    }

    [Fact]
    public void Predictor7FileMatchesTheDcmtkDecode()
    {
        // SHA-256 of the 1024x1024 16-bit pixels that dcmdjpeg 3.6.7 (IJG lossless) writes for this file (min 0, max 595).
        // JpegLibrary 0.4.32 decodes this file differently (maximum 2549, see DECODE-CHECK.txt).
        const string DcmtkPixelsSha256 = "7d1a676f3c012d0ca9d4fb9069c5dcca2b0bac014173dba48f0e32b9b49198b3";
        var image = CorpusImage.Open("dicom-corpus/orthanc-tests/TransferSyntaxes/1.2.840.10008.1.2.4.57.dcm");

        byte[] decoded = image.Decode(codec);

        Assert.Equal(DcmtkPixelsSha256, Convert.ToHexStringLower(SHA256.HashData(decoded)));
    }

    [Fact]
    public void InHouseLosslessMatchesJpegLibraryOnEverySv1FileOfTheCorpus()
    {
        string manifest = SharedData.Require("dicom-corpus/MANIFEST.tsv");
        int framesCompared = 0;
        var unreadable = new List<string>();
        foreach (string line in File.ReadLines(manifest).Skip(1))
        {
            string[] fields = line.Split('\t');
            if (fields[2] is not ("1.2.840.10008.1.2.4.70" or "1.2.840.10008.1.2.4.57"))
            {
                continue;
            }

            CorpusImage image;
            try
            {
                image = CorpusImage.Open("dicom-corpus/" + fields[0]);
            }
            catch (DicomFormatException e)
            {
                unreadable.Add($"{fields[0]}: {e.Reason}");
                continue;
            }

            for (int f = 0; f < image.FrameCount; f++)
            {
                if (fields[2] == "1.2.840.10008.1.2.4.57")
                {
                    continue;
                }

                CompareWithJpegLibrary(image.RawFrame(f).Span, $"{fields[0]} frame {f}");
                framesCompared++;
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{framesCompared} frames compared; unreadable: {string.Join("; ", unreadable)}");
        Assert.True(framesCompared >= 20, $"only {framesCompared} frames compared; unreadable: {string.Join("; ", unreadable)}");
    }

    [Fact]
    public void InHouseLosslessMatchesJpegLibraryOnEveryRicordSlice()
    {
        string folder = SharedData.Require("data/ct/ricord-1a-419639/dicom");
        string[] files = Directory.GetFiles(folder, "*.dcm");
        Assert.Equal(255, files.Length);
        foreach (string path in files)
        {
            var file = DicomFile.Open(path);
            var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax, path);
            Assert.Equal(DicomTransferSyntax.JpegLosslessSV1, file.TransferSyntax);
            CompareWithJpegLibrary(pixels.GetRawFrame(0).Span, Path.GetFileName(path));
        }
    }

    [Theory]
    [InlineData("dicom-corpus/pydicom/test_files/SC_rgb_jpeg_dcmtk.dcm", 3)]
    [InlineData("dicom-corpus/pydicom/test_files/SC_rgb_dcmtk_+eb+cr.dcm", 3)]
    [InlineData("dicom-corpus/pydicom/test_files/SC_rgb_dcmtk_+eb+cy+np.dcm", 3)]
    [InlineData("dicom-corpus/pydicom/test_files/SC_rgb_dcmtk_+eb+cy+s2.dcm", 6)]
    [InlineData("dicom-corpus/pydicom/test_files/SC_rgb_jpeg_lossy_gdcm.dcm", 3)]
    public void BaselineColourDecodesToRgbCloseToTheOriginal(string path, double maxMeanAbsoluteDifference)
    {
        var image = CorpusImage.Open(path);
        var original = CorpusImage.Open("dicom-corpus/pydicom-data/SC_rgb.dcm");

        byte[] decoded = image.Decode(codec);

        double difference = PixelComparison.MeanAbsoluteDifference(original.NativeFrame(), decoded, 8, signed: false);
        Assert.True(difference <= maxMeanAbsoluteDifference, $"{path}: mean absolute difference {difference:F2}");
    }

    [Fact]
    public void LosslessColourMatchesTheOriginal()
    {
        var image = CorpusImage.Open("dicom-corpus/pydicom/test_files/SC_rgb_jpeg_gdcm.dcm");
        var original = CorpusImage.Open("dicom-corpus/pydicom-data/SC_rgb.dcm");

        PixelComparison.AssertIdentical(original.NativeFrame(), image.Decode(codec), "SC_rgb_jpeg_gdcm");
    }

    [Fact]
    public void RejectsAFrameThatDisagreesWithTheDescription()
    {
        ushort[] samples = MakeImage(16, 8, 1, 12, seed: 1);
        byte[] jpeg = LosslessJpegTestEncoder.Encode(samples, 16, 8, 1, 12, 1);

        Assert.Throws<DicomCodecException>(() => codec.Decode(jpeg, Describe(8, 17, 1, 16, 12, 0), new byte[8 * 17 * 2]));
        Assert.Throws<DicomCodecException>(() => codec.Decode(jpeg, Describe(8, 16, 3, 16, 12, 0), new byte[8 * 16 * 6]));
        Assert.Throws<DicomCodecException>(() => codec.Decode(jpeg, Describe(8, 16, 1, 8, 8, 0), new byte[8 * 16]));
    }

    [Fact]
    public void RejectsTruncatedAndMalformedStreams()
    {
        ushort[] samples = MakeImage(32, 32, 1, 16, seed: 2);
        byte[] jpeg = LosslessJpegTestEncoder.Encode(samples, 32, 32, 1, 16, 1);
        var description = Describe(32, 32, 1, 16, 16, 0);
        byte[] destination = new byte[description.FrameLengthBytes];

        Assert.Throws<DicomCodecException>(() => codec.Decode(jpeg.AsSpan(0, jpeg.Length / 2), description, destination));
        Assert.Throws<DicomCodecException>(() => codec.Decode(jpeg.AsSpan(0, 30), description, destination));
        Assert.Throws<DicomCodecException>(() => codec.Decode([0xFF, 0xD8, 0xFF, 0xD9], description, destination));
        Assert.Throws<DicomCodecException>(() => codec.Decode([1, 2, 3, 4, 5], description, destination));

        byte[] badSymbol = (byte[])jpeg.Clone();
        int table = badSymbol.AsSpan().IndexOf([(byte)0xFF, (byte)0xC4]);
        badSymbol[table + 5 + 16 + 16] = 17;
        Assert.Throws<DicomCodecException>(() => codec.Decode(badSymbol, description, destination));
    }

    [Fact]
    public void RejectsAScanThatRepeatsADecodedComponent()
    {
        ushort[] samples = MakeImage(16, 16, 1, 12, seed: 4);
        byte[] jpeg = LosslessJpegTestEncoder.Encode(samples, 16, 16, 1, 12, 1);
        int scan = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        byte[] twice = [.. jpeg[..^2], .. jpeg[scan..^2], 0xFF, 0xD9];
        var description = Describe(16, 16, 1, 16, 12, 0);

        codec.Decode(jpeg, description, new byte[512]);
        Assert.Throws<DicomCodecException>(() => codec.Decode(twice, description, new byte[512]));
    }

    [Fact]
    public void RejectsAStreamWithTooManyScans()
    {
        var image = CorpusImage.Open("dicom-corpus/pydicom/test_files/SC_rgb_dcmtk_+eb+cr.dcm");
        byte[] frame = image.RawFrame(0).ToArray();
        byte[] comment = new byte[2 + (2 * 70)];
        for (int i = 2; i < comment.Length; i += 2)
        {
            comment[i] = 0xFF;
            comment[i + 1] = 0xDA;
        }

        comment[0] = (byte)(comment.Length >> 8);
        comment[1] = (byte)comment.Length;
        byte[] padded = [0xFF, 0xD8, 0xFF, 0xFE, .. comment, .. frame[2..]];

        image.Decode(codec);
        Assert.Throws<DicomCodecException>(() => codec.Decode(padded, image.Description, new byte[image.Description.FrameLengthBytes]));
    }

    private static void CompareWithJpegLibrary(ReadOnlySpan<byte> frame, string what)
    {
        var header = JpegStreamHeader.Read(frame);
        int count = header.Width * header.Height * header.ComponentCount;
        ushort[] ours = new ushort[count];
        ushort[] theirs = new ushort[count];

        JpegLosslessDecoder.Decode(frame, header, ours);
        JpegCodec.DecodeWithJpegLibrary(frame, header, theirs);

        int mismatch = ours.AsSpan().CommonPrefixLength(theirs);
        Assert.True(mismatch == count, $"{what}: first difference at sample {mismatch} of {count}");
    }

    /// <summary>A smooth random walk with occasional jumps of any size, so every difference category occurs.</summary>
    private static ushort[] MakeImage(int width, int height, int components, int precision, int seed)
    {
        var random = new Random(seed);
        int max = (1 << precision) - 1;
        ushort[] samples = new ushort[width * height * components];
        int value = max / 2;
        for (int i = 0; i < samples.Length; i++)
        {
            value = random.Next(20) == 0 ? random.Next(max + 1) : Math.Clamp(value + random.Next(-3, 4), 0, max);
            samples[i] = (ushort)value;
        }

        samples[0] = 0;
        samples[^1] = (ushort)max;
        return samples;
    }

    private static PixelDescription Describe(int rows, int columns, int samples, int bitsAllocated, int bitsStored, int pixelRepresentation) =>
        RleLosslessCodecTests.Describe(rows, columns, samples, bitsAllocated, bitsStored, pixelRepresentation);
}
