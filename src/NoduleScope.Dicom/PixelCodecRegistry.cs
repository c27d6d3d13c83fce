namespace NoduleScope.Dicom;

/// <summary>Codecs keyed by transfer syntax UID. Looking up a syntax with a missing native library gives a clear error.</summary>
public sealed class PixelCodecRegistry
{
    private readonly Dictionary<string, IPixelCodec> codecs = new(StringComparer.Ordinal);

    public IReadOnlyCollection<IPixelCodec> Codecs => codecs.Values.Distinct().ToList();

    public PixelCodecRegistry Register(IPixelCodec codec)
    {
        foreach (string uid in codec.TransferSyntaxUids)
        {
            codecs[uid] = codec;
        }

        return this;
    }

    public bool TryGet(string transferSyntaxUid, out IPixelCodec? codec) => codecs.TryGetValue(transferSyntaxUid, out codec);

    /// <summary>The available codec for <paramref name="syntax"/>.</summary>
    /// <exception cref="DicomNotSupportedException">no codec, or its native library is missing.</exception>
    public IPixelCodec Get(DicomTransferSyntax syntax)
    {
        if (!codecs.TryGetValue(syntax.Uid, out var codec))
        {
            throw new DicomNotSupportedException($"no decoder for transfer syntax {syntax}");
        }

        if (!codec.IsAvailable)
        {
            throw new DicomNotSupportedException($"{syntax.Name}: codec {codec.Name} is unavailable: {codec.UnavailableReason}");
        }

        return codec;
    }
}
