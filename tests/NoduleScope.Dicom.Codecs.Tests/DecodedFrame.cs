using NoduleScope.Dicom;

namespace NoduleScope.Dicom.Codecs.Tests;

/// <summary>A decoded frame addressed by row, column and sample, for spot checks against published values.</summary>
internal sealed class DecodedFrame(byte[] pixels, PixelDescription description)
{
    public long this[int row, int column, int sample]
    {
        get
        {
            int bytes = description.BitsAllocated / 8;
            int index = ((((row * description.Columns) + column) * description.SamplesPerPixel) + sample) * bytes;
            return PixelComparison.Sample(pixels.AsSpan(index), description.BitsAllocated, description.IsSigned);
        }
    }

    public void AssertPixel(int row, int column, int[] expected, int tolerance)
    {
        Assert.Equal(description.SamplesPerPixel, expected.Length);
        for (int s = 0; s < expected.Length; s++)
        {
            long actual = this[row, column, s];
            Assert.True(Math.Abs(actual - expected[s]) <= tolerance, $"pixel ({row}, {column}) sample {s}: expected {expected[s]}, got {actual}");
        }
    }

    public void AssertRow(int row, int firstColumn, int[] expected)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            AssertPixel(row, firstColumn + i, [expected[i]], 0);
        }
    }

    public void AssertColumn(int firstRow, int column, int[] expected)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            AssertPixel(firstRow + i, column, [expected[i]], 0);
        }
    }

    /// <summary>Column 0 at rows 0, <paramref name="step"/>, 2 × <paramref name="step"/>, ...</summary>
    public void AssertColumnEvery(int step, int[] expected)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            AssertPixel(i * step, 0, [expected[i]], 0);
        }
    }
}
