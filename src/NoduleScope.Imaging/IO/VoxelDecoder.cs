using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NoduleScope.Imaging.IO;

/// <summary>Reads stored voxels of any <see cref="VoxelElementType"/> from a stream into Hounsfield units.</summary>
internal static class VoxelDecoder
{
    /// <summary>
    /// Deflate expands at most about 1032:1, so a compressed file whose header declares more data than this many times
    /// its remaining bytes is certainly truncated; checking it first keeps a tiny file from allocating a huge buffer.
    /// </summary>
    public const long MaxDeflateRatio = 1032;

    private const int ChunkBytes = 1 << 20;

    public static int ElementSize(VoxelElementType type) => type switch
    {
        VoxelElementType.UInt8 or VoxelElementType.Int8 => 1,
        VoxelElementType.Int16 or VoxelElementType.UInt16 => 2,
        VoxelElementType.Int32 or VoxelElementType.UInt32 or VoxelElementType.Float32 => 4,
        _ => 8,
    };

    /// <summary>
    /// Reads <paramref name="count"/> voxels, applies value · slope + intercept, rounds half away from zero and clamps
    /// to the short range (NaN becomes short.MinValue). Extra data after the voxels is left unread.
    /// </summary>
    public static short[] Read(Stream stream, int count, VoxelElementType type, bool bigEndian, double slope, double intercept, string path)
    {
        var voxels = new short[count];
        bool swap = bigEndian == BitConverter.IsLittleEndian;
        long totalBytes = (long)count * ElementSize(type);
        if (type is VoxelElementType.Int16 or VoxelElementType.UInt16)
        {
            // Same width as the result: read straight into it and convert in place.
            Span<short> target = voxels;
            ReadExactly(stream, MemoryMarshal.AsBytes(target), totalBytes, 0, path);
            if (swap)
            {
                BinaryPrimitives.ReverseEndianness(target, target);
            }

            if (type == VoxelElementType.Int16)
            {
                ConvertInPlace(target, slope, intercept);
            }
            else
            {
                Convert<ushort>(MemoryMarshal.Cast<short, ushort>(target), target, slope, intercept);
            }

            return voxels;
        }

        int elementSize = ElementSize(type);
        int perChunk = ChunkBytes / elementSize;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            for (int start = 0; start < count; start += perChunk)
            {
                int n = Math.Min(perChunk, count - start);
                Span<byte> raw = buffer.AsSpan(0, n * elementSize);
                ReadExactly(stream, raw, totalBytes, (long)start * elementSize, path);
                Convert(raw, voxels.AsSpan(start, n), type, swap, slope, intercept);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return voxels;
    }

    /// <summary>Reads and discards <paramref name="count"/> bytes (a header extension or padding before the voxels).</summary>
    public static void Skip(Stream stream, long count, string path)
    {
        if (count <= 0)
        {
            return;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(count, ChunkBytes));
        try
        {
            long left = count;
            while (left > 0)
            {
                int n = (int)Math.Min(left, buffer.Length);
                ReadExactly(stream, buffer.AsSpan(0, n), count, count - left, path, "bytes before the voxel data");
                left -= n;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Fills <paramref name="buffer"/> or throws a <see cref="VolumeFormatException"/> saying how much was missing.</summary>
    public static void ReadExactly(Stream stream, Span<byte> buffer, long expectedTotal, long alreadyRead, string path, string what = "voxel data")
    {
        int done = 0;
        while (done < buffer.Length)
        {
            int n;
            try
            {
                n = stream.Read(buffer[done..]);
            }
            catch (InvalidDataException ex)
            {
                throw new VolumeFormatException(path, $"compressed data is corrupt ({ex.Message})", ex);
            }

            if (n == 0)
            {
                throw new VolumeFormatException(path, $"file is truncated: {what} needs {expectedTotal} bytes, only {alreadyRead + done} present");
            }

            done += n;
        }
    }

    /// <summary>Rounds half away from zero and clamps to the short range; NaN becomes short.MinValue (no data).</summary>
    public static short ToHounsfield(double value)
    {
        if (double.IsNaN(value))
        {
            return short.MinValue;
        }

        double rounded = Math.Round(value, MidpointRounding.AwayFromZero);
        return rounded <= short.MinValue ? short.MinValue : rounded >= short.MaxValue ? short.MaxValue : (short)rounded;
    }

    /// <summary>Sets every non-zero voxel to 1.</summary>
    public static void Binarize(Span<short> voxels)
    {
        for (int i = 0; i < voxels.Length; i++)
        {
            voxels[i] = voxels[i] != 0 ? (short)1 : (short)0;
        }
    }

    private static void Convert(Span<byte> raw, Span<short> destination, VoxelElementType type, bool swap, double slope, double intercept)
    {
        switch (type)
        {
            case VoxelElementType.UInt8:
                Convert<byte>(raw, destination, slope, intercept);
                break;
            case VoxelElementType.Int8:
                Convert<sbyte>(MemoryMarshal.Cast<byte, sbyte>(raw), destination, slope, intercept);
                break;
            case VoxelElementType.Int32:
                Span<int> int32 = MemoryMarshal.Cast<byte, int>(raw);
                if (swap)
                {
                    BinaryPrimitives.ReverseEndianness(int32, int32);
                }

                Convert<int>(int32, destination, slope, intercept);
                break;
            case VoxelElementType.UInt32:
                Span<uint> uint32 = MemoryMarshal.Cast<byte, uint>(raw);
                if (swap)
                {
                    BinaryPrimitives.ReverseEndianness(uint32, uint32);
                }

                Convert<uint>(uint32, destination, slope, intercept);
                break;
            case VoxelElementType.Float32:
                if (swap)
                {
                    Span<int> bits = MemoryMarshal.Cast<byte, int>(raw);
                    BinaryPrimitives.ReverseEndianness(bits, bits);
                }

                ConvertScaled<float>(MemoryMarshal.Cast<byte, float>(raw), destination, slope, intercept);
                break;
            case VoxelElementType.Float64:
                if (swap)
                {
                    Span<long> bits = MemoryMarshal.Cast<byte, long>(raw);
                    BinaryPrimitives.ReverseEndianness(bits, bits);
                }

                ConvertScaled<double>(MemoryMarshal.Cast<byte, double>(raw), destination, slope, intercept);
                break;
            default:
                throw new InvalidOperationException($"unexpected element type {type}");
        }
    }

    private static void Convert<T>(ReadOnlySpan<T> source, Span<short> destination, double slope, double intercept)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (slope == 1 && intercept == Math.Round(intercept) && Math.Abs(intercept) < 1e9)
        {
            // Integer data with an integer offset (dcm2niix writes slope 1, intercept -1024): exact integer arithmetic.
            long offset = (long)intercept;
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = short.CreateSaturating(long.CreateTruncating(source[i]) + offset);
            }

            return;
        }

        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = ToHounsfield((double.CreateTruncating(source[i]) * slope) + intercept);
        }
    }

    private static void ConvertInPlace(Span<short> values, double slope, double intercept)
    {
        if (slope == 1 && intercept == 0)
        {
            return;
        }

        Convert<short>(values, values, slope, intercept);
    }

    private static void ConvertScaled<T>(ReadOnlySpan<T> source, Span<short> destination, double slope, double intercept)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = ToHounsfield((double.CreateTruncating(source[i]) * slope) + intercept);
        }
    }
}
