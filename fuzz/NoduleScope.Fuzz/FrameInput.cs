using System.Buffers.Binary;
using NoduleScope.Dicom;

namespace NoduleScope.Fuzz;

/// <summary>
/// The input format of the codec targets: a 12-byte pixel description followed by one compressed frame, so afl-fuzz
/// varies the description the codec is told as well as the stream. Layout: rows (u16 LE), columns (u16 LE),
/// BitsAllocated, BitsStored, HighBit, SamplesPerPixel, PixelRepresentation, PlanarConfiguration, photometric index
/// (<see cref="Photometrics"/>), one spare byte.
/// </summary>
internal static class FrameInput
{
    public const int HeaderLength = 12;

    private static readonly string[] Photometrics = ["MONOCHROME2", "MONOCHROME1", "RGB", "YBR_FULL", "YBR_FULL_422", "YBR_RCT", "YBR_ICT", "PALETTE COLOR"];

    public static byte[] Encode(PixelDescription d, ReadOnlySpan<byte> frame)
    {
        byte[] bytes = new byte[HeaderLength + frame.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)d.Rows);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), (ushort)d.Columns);
        bytes[4] = (byte)d.BitsAllocated;
        bytes[5] = (byte)d.BitsStored;
        bytes[6] = (byte)d.HighBit;
        bytes[7] = (byte)d.SamplesPerPixel;
        bytes[8] = (byte)d.PixelRepresentation;
        bytes[9] = (byte)d.PlanarConfiguration;
        bytes[10] = (byte)Math.Max(0, Array.IndexOf(Photometrics, d.PhotometricInterpretation));
        frame.CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    /// <summary>The description as the reader would make it from a dataset (validated against <paramref name="options"/>).</summary>
    /// <exception cref="DicomFormatException">the description is invalid or past a limit.</exception>
    public static PixelDescription Description(ReadOnlySpan<byte> input, DicomReadOptions options)
    {
        var ds = new DicomDataset()
            .AddUInt16(DicomTags.Rows, BinaryPrimitives.ReadUInt16LittleEndian(input))
            .AddUInt16(DicomTags.Columns, BinaryPrimitives.ReadUInt16LittleEndian(input[2..]))
            .AddUInt16(DicomTags.BitsAllocated, input[4])
            .AddUInt16(DicomTags.BitsStored, input[5])
            .AddUInt16(DicomTags.HighBit, input[6])
            .AddUInt16(DicomTags.SamplesPerPixel, input[7])
            .AddUInt16(DicomTags.PixelRepresentation, input[8])
            .AddUInt16(DicomTags.PlanarConfiguration, input[9])
            .AddString(DicomTags.PhotometricInterpretation, DicomVR.CS, Photometrics[input[10] % Photometrics.Length]);
        return PixelDescription.FromDataset(ds, options, "fuzz-frame");
    }
}
