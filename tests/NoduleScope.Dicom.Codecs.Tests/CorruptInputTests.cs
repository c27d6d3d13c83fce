using NoduleScope.Dicom;

namespace NoduleScope.Dicom.Codecs.Tests;

/// <summary>
/// Damaged frames for the managed codecs: random bytes overwritten in valid streams must end in a decoded frame or a
/// <see cref="DicomCodecException"/>, never in another exception, a hang or a write past the destination. (The native
/// decoders are not fuzzed here: a crash inside C would take the test host down; their inputs are checked instead.)
/// </summary>
public sealed class CorruptInputTests
{
    [Fact]
    public void DamagedLosslessJpegStreams()
    {
        ushort[] samples = new ushort[40 * 30 * 3];
        var random = new Random(21);
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (ushort)random.Next(4096);
        }

        byte[] jpeg = LosslessJpegTestEncoder.Encode(samples, 40, 30, 3, 12, 5, restartInterval: 40);
        Fuzz(new JpegCodec(), jpeg, RleLosslessCodecTests.Describe(30, 40, 3, 16, 12, 0), rounds: 400);
    }

    [Theory]
    [InlineData("dicom-corpus/pydicom/test_files/SC_rgb_jpeg_dcmtk.dcm")]
    [InlineData("dicom-corpus/pydicom/test_files/JPGExtended.dcm")]
    [InlineData("dicom-corpus/nema-wg04/JPLL/MR4_JPLL")]
    [InlineData("dicom-corpus/nema-wg04/RLE/US1_RLE")]
    [InlineData("dicom-corpus/pydicom-data/liver_deflate.dcm")]
    public void DamagedCorpusFrames(string path)
    {
        var image = CorpusImage.Open(path);
        var codec = DicomCodecs.Default.Get(image.TransferSyntax);
        Fuzz(codec, image.RawFrame(0).ToArray(), image.Description, rounds: 150);
    }

    /// <summary>Run by hand only: a crash inside CharLS or OpenJPEG would end the test process.</summary>
    [Theory(Explicit = true)]
    [InlineData("dicom-corpus/nema-wg04/JLSL/CT1_JLSL")]
    [InlineData("dicom-corpus/pydicom-data/JLSL_RGB_ILV0.dcm")]
    [InlineData("dicom-corpus/nema-wg04/J2KR/CT1_J2KR")]
    [InlineData("dicom-corpus/pydicom-data/HTJ2KLossless_08_RGB.dcm")]
    [InlineData("dicom-corpus/pydicom/test_files/GDCMJ2K_TextGBR.dcm")]
    public void DamagedNativeCodecFrames(string path)
    {
        var image = CorpusImage.Open(path);
        var codec = DicomCodecs.Default.Get(image.TransferSyntax);
        Fuzz(codec, image.RawFrame(0).ToArray(), image.Description, rounds: 300);
    }

    private static void Fuzz(IPixelCodec codec, byte[] valid, PixelDescription description, int rounds)
    {
        var random = new Random(valid.Length);
        int length = (int)description.FrameLengthBytes;
        byte[] destination = new byte[length + 16];
        int rejected = 0;
        var slowest = TimeSpan.Zero;
        var watch = new System.Diagnostics.Stopwatch();
        for (int round = 0; round < rounds; round++)
        {
            byte[] damaged = (byte[])valid.Clone();
            int edits = random.Next(1, 8);
            for (int k = 0; k < edits; k++)
            {
                // Most edits land near the start, where the headers are.
                int position = random.Next(2) == 0 ? random.Next(Math.Min(damaged.Length, 700)) : random.Next(damaged.Length);
                damaged[position] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0)
            {
                damaged = damaged[..random.Next(damaged.Length)];
            }

            destination.AsSpan(length).Fill(0x5A);
            watch.Restart();
            try
            {
                codec.Decode(damaged, description, destination.AsSpan(0, length));
            }
            catch (DicomCodecException)
            {
                rejected++;
            }

            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;

            Assert.True(destination.AsSpan(length).IndexOfAnyExcept((byte)0x5A) < 0, "the codec wrote past the destination");
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{codec.Name}: {rejected} of {rounds} damaged frames rejected; slowest decode {slowest.TotalMilliseconds:F0} ms");
        Assert.True(rejected > 0, $"{codec.Name}: none of {rounds} damaged frames was rejected");
    }
}
