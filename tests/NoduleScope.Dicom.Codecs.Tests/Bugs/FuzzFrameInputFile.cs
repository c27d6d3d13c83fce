using System.Buffers.Binary;
using NoduleScope.Dicom;

namespace NoduleScope.Dicom.Codecs.Tests.Bugs;

/// <summary>
/// A crash input of the codec fuzz targets (fuzz/NoduleScope.Fuzz/FrameInput.cs): a 12-byte pixel description (rows
/// and columns as u16 LE, then BitsAllocated, BitsStored, HighBit, SamplesPerPixel, PixelRepresentation, …) followed by
/// the compressed frame.
/// </summary>
internal sealed record FuzzFrameInputFile(PixelDescription Description, byte[] Frame)
{
    private const int HeaderLength = 12;

    public static FuzzFrameInputFile Load(string name)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Bugs", "Files", name));
        var description = RleLosslessCodecTests.Describe(
            BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2)),
            bytes[7],
            bytes[4],
            bytes[5],
            bytes[8]);
        return new FuzzFrameInputFile(description, bytes[HeaderLength..]);
    }
}
