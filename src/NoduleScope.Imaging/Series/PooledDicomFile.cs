using System.Buffers;
using NoduleScope.Dicom;

namespace NoduleScope.Imaging.Series;

/// <summary>A file read into a pooled buffer that its values point into; disposing returns the buffer.</summary>
public sealed class PooledDicomFile : IDisposable
{
    private byte[]? buffer;

    internal PooledDicomFile(DicomFile file, byte[]? buffer)
    {
        File = file;
        this.buffer = buffer;
    }

    public DicomFile File { get; }

    public void Dispose()
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }
}
