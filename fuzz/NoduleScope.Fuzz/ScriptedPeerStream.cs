namespace NoduleScope.Fuzz;

/// <summary>Reads what the peer "sent" (the fuzz input), swallows what the code under test sends back.</summary>
internal sealed class ScriptedPeerStream(byte[] script) : Stream
{
    private readonly MemoryStream incoming = new(script, writable: false);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => incoming.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count)
    {
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
