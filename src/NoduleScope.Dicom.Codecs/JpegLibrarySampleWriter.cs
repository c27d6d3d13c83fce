using System.Runtime.CompilerServices;
using JpegLibrary;

namespace NoduleScope.Dicom.Codecs;

/// <summary>Collects JpegLibrary's 8×8 output blocks into an interleaved sample buffer.</summary>
internal sealed class JpegLibrarySampleWriter : JpegBlockOutputWriter
{
    private readonly int width;
    private readonly int height;
    private readonly int components;
    private readonly int maxValue;
    private readonly bool clamp;
    private readonly ushort[] samples;

    /// <param name="clamp">True for DCT processes (clamp to 0..2^precision-1); false for lossless, whose blocks hold
    /// the 16-bit pattern of each sample.</param>
    public JpegLibrarySampleWriter(int width, int height, int components, int precision, bool clamp, ushort[] samples)
    {
        this.width = width;
        this.height = height;
        this.components = components;
        this.clamp = clamp;
        this.samples = samples;
        maxValue = (1 << precision) - 1;
    }

    public override void WriteBlock(ref short blockRef, int componentIndex, int x, int y)
    {
        if ((uint)componentIndex >= (uint)components || x >= width || y >= height || x < 0 || y < 0)
        {
            return;
        }

        int columns = Math.Min(8, width - x);
        int rows = Math.Min(8, height - y);
        for (int row = 0; row < rows; row++)
        {
            int target = ((((y + row) * width) + x) * components) + componentIndex;
            for (int column = 0; column < columns; column++)
            {
                int value = Unsafe.Add(ref blockRef, (row * 8) + column);
                samples[target] = clamp ? (ushort)Math.Clamp(value, 0, maxValue) : (ushort)value;
                target += components;
            }
        }
    }
}
