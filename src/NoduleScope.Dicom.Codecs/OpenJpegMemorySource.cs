using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NoduleScope.Dicom.Codecs;

/// <summary>The user data of an OpenJPEG input stream that reads a pinned frame, and the stream's callbacks.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpenJpegMemorySource
{
    public byte* Data;
    public long Length;
    public long Position;

    /// <summary>opj_stream_read_fn: (OPJ_SIZE_T)-1 signals the end of the stream.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static nuint Read(void* buffer, nuint count, void* userData)
    {
        var source = (OpenJpegMemorySource*)userData;
        long available = source->Length - source->Position;
        if (available <= 0)
        {
            return nuint.MaxValue;
        }

        long toCopy = (long)Math.Min((ulong)count, (ulong)available);
        Buffer.MemoryCopy(source->Data + source->Position, buffer, toCopy, toCopy);
        source->Position += toCopy;
        return (nuint)toCopy;
    }

    /// <summary>opj_stream_skip_fn: returns the bytes skipped, or -1 when nothing can be skipped.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static long Skip(long count, void* userData)
    {
        var source = (OpenJpegMemorySource*)userData;
        long target = Math.Clamp(source->Position + count, 0, source->Length);
        long skipped = target - source->Position;
        if (skipped == 0 && count != 0)
        {
            return -1;
        }

        source->Position = target;
        return skipped;
    }

    /// <summary>opj_stream_seek_fn: OPJ_TRUE when the absolute position is inside the data.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    public static int Seek(long position, void* userData)
    {
        var source = (OpenJpegMemorySource*)userData;
        if (position < 0 || position > source->Length)
        {
            return 0;
        }

        source->Position = position;
        return 1;
    }
}
