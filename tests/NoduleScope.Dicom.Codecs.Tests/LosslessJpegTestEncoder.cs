namespace NoduleScope.Dicom.Codecs.Tests;

/// <summary>
/// A small lossless JPEG (process 14, Huffman) encoder written from ITU T.81 Annex H to give the decoder input with
/// every predictor, restart intervals, point transforms and several components. Its Huffman table has codes of 2 to
/// 16 bits, so the decoder's long-code and extra-bit paths are exercised as well as its single-lookup path.
/// </summary>
internal static class LosslessJpegTestEncoder
{
    // Category k (0..16) gets a code of length max(2, k + 1): 00, 01, 10, 110, 1110, ... , 1111111111111110.
    private static readonly byte[] CodeLengthCounts = [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
    private static readonly byte[] Symbols = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

    /// <param name="samples">Width × Height × components values, interleaved by pixel, each below 2^precision.</param>
    /// <param name="interleaved">One scan for all components, or one scan per component.</param>
    public static byte[] Encode(ushort[] samples, int width, int height, int components, int precision, int predictor, int restartInterval = 0, int pointTransform = 0, bool interleaved = true)
    {
        var (codes, lengths) = BuildCodes();
        var output = new List<byte> { 0xFF, 0xD8 };
        var frame = new List<byte> { (byte)precision, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)components };
        for (int c = 0; c < components; c++)
        {
            frame.AddRange([(byte)(c + 1), 0x11, 0]);
        }

        Segment(output, 0xC3, frame);
        var table = new List<byte> { 0x00 };
        table.AddRange(CodeLengthCounts);
        table.AddRange(Symbols);
        Segment(output, 0xC4, table);
        if (restartInterval > 0)
        {
            Segment(output, 0xDD, [(byte)(restartInterval >> 8), (byte)restartInterval]);
        }

        int[][] scans = interleaved
            ? [Enumerable.Range(0, components).ToArray()]
            : Enumerable.Range(0, components).Select(c => new[] { c }).ToArray();
        foreach (int[] scan in scans)
        {
            var header = new List<byte> { (byte)scan.Length };
            foreach (int c in scan)
            {
                header.AddRange([(byte)(c + 1), 0x00]);
            }

            header.AddRange([(byte)predictor, 0, (byte)pointTransform]);
            Segment(output, 0xDA, header);
            EncodeScan(output, samples, width, height, components, precision, predictor, restartInterval, pointTransform, scan, codes, lengths);
        }

        output.AddRange([0xFF, 0xD9]);
        return output.ToArray();
    }

    private static void EncodeScan(List<byte> output, ushort[] samples, int width, int height, int components, int precision, int predictor, int restartInterval, int pointTransform, int[] scan, int[] codes, int[] lengths)
    {
        var bits = new JpegTestBitWriter(output);
        int initial = 1 << (precision - pointTransform - 1);
        int mcusLeft = restartInterval;
        int restartIndex = 0;
        bool startOfInterval = true;
        int Value(int x, int y, int c) => samples[(((y * width) + x) * components) + c] >> pointTransform;
        for (int y = 0; y < height; y++)
        {
            bool firstLine = y == 0;
            for (int x = 0; x < width; x++)
            {
                if (restartInterval > 0 && mcusLeft == 0)
                {
                    bits.Flush();
                    output.AddRange([0xFF, (byte)(0xD0 + (restartIndex++ % 8))]);
                    mcusLeft = restartInterval;
                    firstLine = true;
                    startOfInterval = true;
                }

                foreach (int c in scan)
                {
                    int prediction;
                    if (firstLine)
                    {
                        prediction = startOfInterval ? initial : Value(x - 1, y, c);
                    }
                    else if (x == 0)
                    {
                        prediction = Value(x, y - 1, c);
                    }
                    else
                    {
                        int ra = Value(x - 1, y, c);
                        int rb = Value(x, y - 1, c);
                        int rc = Value(x - 1, y - 1, c);
                        prediction = predictor switch
                        {
                            1 => ra,
                            2 => rb,
                            3 => rc,
                            4 => ra + rb - rc,
                            5 => ra + ((rb - rc) >> 1),
                            6 => rb + ((ra - rc) >> 1),
                            _ => (ra + rb) >> 1,
                        };
                    }

                    int difference = (Value(x, y, c) - prediction) & 0xFFFF;
                    if (difference == 0x8000)
                    {
                        bits.Write(codes[16], lengths[16]);
                        continue;
                    }

                    if (difference > 0x8000)
                    {
                        difference -= 0x10000;
                    }

                    int magnitude = Math.Abs(difference);
                    int category = magnitude == 0 ? 0 : 32 - int.LeadingZeroCount(magnitude);
                    bits.Write(codes[category], lengths[category]);
                    if (category > 0)
                    {
                        bits.Write(difference >= 0 ? difference : difference + (1 << category) - 1, category);
                    }
                }

                startOfInterval = false;
                if (restartInterval > 0)
                {
                    mcusLeft--;
                }
            }
        }

        bits.Flush();
    }

    private static (int[] Codes, int[] Lengths) BuildCodes()
    {
        int[] codes = new int[17];
        int[] lengths = new int[17];
        int code = 0;
        int k = 0;
        for (int length = 1; length <= 16; length++)
        {
            for (int i = 0; i < CodeLengthCounts[length - 1]; i++)
            {
                codes[Symbols[k]] = code++;
                lengths[Symbols[k]] = length;
                k++;
            }

            code <<= 1;
        }

        return (codes, lengths);
    }

    private static void Segment(List<byte> output, byte marker, List<byte> payload)
    {
        int length = payload.Count + 2;
        output.AddRange([0xFF, marker, (byte)(length >> 8), (byte)length]);
        output.AddRange(payload);
    }
}
