using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace NoduleScope.Imaging.IO;

/// <summary>Writes voxel buffers as little-endian int16 in large blocks.</summary>
internal static class VoxelEncoder
{
    private const int BlockVoxels = 1 << 23;

    /// <summary>Creates (or replaces) a file for writing; a known size is preallocated, which speeds large writes.</summary>
    public static FileStream CreateFile(string path, long preallocationSize) => new(path, new FileStreamOptions
    {
        Mode = FileMode.Create,
        Access = FileAccess.Write,
        Share = FileShare.None,
        BufferSize = 1 << 16,
        PreallocationSize = preallocationSize,
    });

    public static void WriteInt16LittleEndian(Stream stream, ReadOnlySpan<short> voxels)
    {
        if (BitConverter.IsLittleEndian)
        {
            for (int start = 0; start < voxels.Length; start += BlockVoxels)
            {
                stream.Write(MemoryMarshal.AsBytes(voxels.Slice(start, Math.Min(BlockVoxels, voxels.Length - start))));
            }

            return;
        }

        short[] buffer = ArrayPool<short>.Shared.Rent(Math.Min(BlockVoxels, Math.Max(voxels.Length, 1)));
        try
        {
            for (int start = 0; start < voxels.Length; start += buffer.Length)
            {
                int n = Math.Min(buffer.Length, voxels.Length - start);
                Span<short> block = buffer.AsSpan(0, n);
                BinaryPrimitives.ReverseEndianness(voxels.Slice(start, n), block);
                stream.Write(MemoryMarshal.AsBytes(block));
            }
        }
        finally
        {
            ArrayPool<short>.Shared.Return(buffer);
        }
    }
}
