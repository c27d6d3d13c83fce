using NoduleScope.Dicom;

namespace NoduleScope.Dicom.Codecs.Tests;

/// <summary>
/// Spot values that pydicom's own test suite (tests/pixels/pixels_reference.py) asserts for the same corpus files,
/// decoded there by pylibjpeg, GDCM or Pillow: an independent reference for files without an uncompressed twin.
/// pydicom reports YBR_FULL JPEG frames without colour conversion, so for those the expected values are converted to
/// RGB here and compared within ±2.
/// </summary>
public sealed class PydicomReferenceValueTests
{
    private static readonly PixelCodecRegistry Codecs = DicomCodecs.CreateDefaultRegistry();

    private static readonly int[][] PrimaryColours =
    [
        [255, 0, 0], [255, 128, 128], [0, 255, 0], [128, 255, 128], [0, 0, 255],
        [128, 128, 255], [0, 0, 0], [64, 64, 64], [192, 192, 192], [255, 255, 255],
    ];

    [Theory]
    [InlineData("pydicom/test_files/SC_rgb_dcmtk_+eb+cr.dcm")]
    [InlineData("pydicom/test_files/SC_rgb_jpeg_gdcm.dcm")]
    public void RgbJpegColourBars(string path)
    {
        var frame = Decode(path);
        for (int i = 0; i < 10; i++)
        {
            frame.AssertPixel(5 + (10 * i), 50, PrimaryColours[i], tolerance: 0);
        }
    }

    [Theory]
    [InlineData("pydicom/test_files/SC_rgb_dcmtk_+eb+cy+s4.dcm", "76,85,255 166,106,193 150,46,20 203,86,75 29,255,107 142,193,118 0,128,128 64,128,128 192,128,128 255,128,128")]
    [InlineData("pydicom/test_files/SC_rgb_jpeg_lossy_gdcm.dcm", "76,85,255 166,107,191 150,44,21 203,86,75 29,255,107 142,191,118 0,128,128 64,128,128 192,128,128 255,128,128")]
    public void YCbCrJpegIsConvertedToRgb(string path, string yCbCrColumn)
    {
        var frame = Decode(path);
        int[][] expected = Parse(yCbCrColumn);
        for (int i = 0; i < expected.Length; i++)
        {
            frame.AssertPixel(5 + (10 * i), 50, ToRgb(expected[i]), tolerance: 2);
        }
    }

    /// <summary>JPEG-lossy.dcm has an invalid scan-stop value that pylibjpeg refuses; JpegLibrary accepts it. DCT
    /// decoders differ by their IDCT's rounding, hence ±1.</summary>
    [Theory]
    [InlineData("pydicom/test_files/JPGExtended.dcm")]
    [InlineData("pydicom/test_files/JPEG-lossy.dcm")]
    public void TwelveBitExtendedJpeg(string path)
    {
        var frame = Decode(path);
        frame.AssertPixel(420, 140, [244], 1);
        frame.AssertPixel(230, 120, [95], 1);
    }

    [Fact]
    public void LosslessJpegSv1()
    {
        var eightBit = Decode("pydicom-data/JPGLosslessP14SV1_1s_1f_8b.dcm");
        eightBit.AssertRow(300, 512, [26, 26, 25, 22, 19, 16, 14, 15]);
        eightBit.AssertRow(600, 512, [45, 43, 41, 38, 33, 30, 26, 21]);

        var signed = Decode("pydicom-data/JPEG-LL.dcm");
        signed.AssertRow(400, 124, [60, 58, 61, 68, 59, 65, 64, 67]);
        signed.AssertRow(600, 124, [3, 1, 2, 0, 2, 1, 2, 0]);
    }

    [Theory]
    [InlineData("pydicom-data/JLSL_RGB_ILV0.dcm", "115,109,91 109,105,100 100,111,94 192,53,172")]
    [InlineData("pydicom-data/JLSL_RGB_ILV1.dcm", "115,109,91 109,105,100 100,111,94 192,53,172")]
    [InlineData("pydicom-data/JLSL_RGB_ILV2.dcm", "115,109,91 109,105,100 100,111,94 192,53,172")]
    [InlineData("pydicom-data/JLSN_RGB_ILV0.dcm", "118,110,92 110,103,99 97,113,96 191,55,175")]
    public void JpegLsColour(string path, string column)
    {
        var frame = Decode(path);
        int[][] expected = Parse(column);
        for (int i = 0; i < expected.Length; i++)
        {
            frame.AssertPixel(124 + i, 40, expected[i], tolerance: 0);
        }
    }

    [Fact]
    public void JpegLsMonochrome()
    {
        Decode("pydicom-data/JLSL_08_07_0_1F.dcm").AssertColumn(59, 58, [55, 53, 58, 85, 109, 123, 116, 102, 98, 89]);
        Decode("pydicom-data/JLSL_16_15_1_1F.dcm").AssertColumn(59, 58, [-2073, -2629, -1167, 5566, 11808, 15604]);
        Decode("pydicom/test_files/JPEGLSNearLossless_08.dcm").AssertColumnEvery(5, [255, 125, 65, 30, 15, 5, 5, 0, 0]);
        Decode("pydicom/test_files/JPEGLSNearLossless_16.dcm").AssertColumnEvery(5, [65535, 32765, 16385, 4095, 1025, 255, 65, 15, 5]);
    }

    [Theory]
    [InlineData("pydicom/test_files/SC_rgb_jls_lossy_line.dcm")]
    [InlineData("pydicom/test_files/SC_rgb_jls_lossy_sample.dcm")]
    public void JpegLsNearLosslessColourBars(string path)
    {
        var frame = Decode(path);
        int[][] expected = Parse("255,0,0 255,130,130 0,255,0 130,255,130 0,0,255 130,130,255 0,0,0 65,65,65 190,190,190 255,255,255");
        for (int i = 0; i < expected.Length; i++)
        {
            frame.AssertPixel(10 * i, 0, expected[i], tolerance: 0);
        }
    }

    [Fact]
    public void Jpeg2000WhoseSignDisagreesWithPixelRepresentation()
    {
        var frame = Decode("pydicom/test_files/J2K_pixelrep_mismatch.dcm");
        frame.AssertPixel(0, 0, [-2000], 0);
        frame.AssertColumn(47, 279, [621, 412, 138, -193, -520, -767, -907, -966, -988, -995]);
        frame.AssertColumn(328, 106, [-377, -121, 141, 383, 633, 910, 1198, 1455, 1638, 1732]);
    }

    [Fact]
    public void Jpeg2000WithJp2Header()
    {
        var frame = Decode("pydicom/test_files/GDCMJ2K_TextGBR.dcm");
        frame.AssertPixel(45, 140, [223, 32, 32], 0);
        frame.AssertPixel(46, 140, [255, 0, 0], 0);
        frame.AssertPixel(350, 195, [128, 128, 128], 0);
    }

    [Theory]
    [InlineData("pydicom-data/HTJ2KLossless_08_RGB.dcm", "90,38,1 94,40,1 97,42,5 173,122,59 172,133,69 169,135,75 168,136,79 169,137,79 169,137,81 169,136,79", "208,193,172 238,228,215 235,229,216 233,226,212 239,231,218 238,232,219 224,218,205 239,234,223 246,241,232 242,236,226")]
    [InlineData("pydicom-data/HTJ2K_08_RGB.dcm", "91,37,2 94,40,1 97,42,5 174,123,59 172,132,69 169,134,74 168,136,77 168,137,80 168,136,80 169,136,78", "207,193,171 238,229,215 235,228,216 233,226,213 238,231,218 239,232,219 225,218,206 240,234,223 247,240,232 242,236,227")]
    public void HighThroughputJpeg2000(string path, string row160, string column635)
    {
        var frame = Decode(path);
        int[][] row = Parse(row160);
        int[][] column = Parse(column635);
        for (int i = 0; i < 10; i++)
        {
            frame.AssertPixel(160, 295 + i, row[i], 0);
            frame.AssertPixel(275 + i, 635, column[i], 0);
        }
    }

    private static DecodedFrame Decode(string path)
    {
        var image = CorpusImage.Open("dicom-corpus/" + path);
        var codec = Codecs.Get(image.TransferSyntax);
        return new DecodedFrame(image.Decode(codec), image.Description);
    }

    private static int[][] Parse(string pixels) =>
        pixels.Split(' ').Select(p => p.Split(',').Select(int.Parse).ToArray()).ToArray();

    private static int[] ToRgb(int[] ycbcr)
    {
        double y = ycbcr[0];
        double cb = ycbcr[1] - 128;
        double cr = ycbcr[2] - 128;
        return
        [
            (int)Math.Clamp(Math.Round(y + (1.402 * cr)), 0, 255),
            (int)Math.Clamp(Math.Round(y - (0.344136 * cb) - (0.714136 * cr)), 0, 255),
            (int)Math.Clamp(Math.Round(y + (1.772 * cb)), 0, 255),
        ];
    }
}
