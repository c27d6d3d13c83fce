namespace NoduleScope.Dicom.Codecs.Tests;

/// <summary>Writes entropy-coded JPEG bits most significant first, stuffing a zero after each 0xFF byte.</summary>
internal sealed class JpegTestBitWriter(List<byte> output)
{
    private int accumulator;
    private int count;

    public void Write(int value, int length)
    {
        for (int i = length - 1; i >= 0; i--)
        {
            accumulator = (accumulator << 1) | ((value >> i) & 1);
            if (++count == 8)
            {
                Emit();
            }
        }
    }

    /// <summary>Pads the last byte with one bits (T.81 F.1.2.3).</summary>
    public void Flush()
    {
        while (count != 0)
        {
            Write(1, 1);
        }
    }

    private void Emit()
    {
        output.Add((byte)accumulator);
        if (accumulator == 0xFF)
        {
            output.Add(0x00);
        }

        accumulator = 0;
        count = 0;
    }
}
