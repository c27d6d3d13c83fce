using System.Net;

namespace NoduleScope.Dicom.Network;

/// <summary>Configuration of a <see cref="DicomServer"/>. Secure by default: the allow-list is on and empty.</summary>
public sealed record DicomServerOptions
{
    /// <summary>Our AE title; requests calling another one are rejected when <see cref="CheckCalledAeTitle"/> is set.</summary>
    public required string AeTitle { get; init; }

    public IPAddress BindAddress { get; init; } = IPAddress.Any;

    /// <summary>TCP port; 0 picks a free one (see <see cref="DicomServer.LocalEndPoint"/>). DICOM uses 104, TLS 2762.</summary>
    public int Port { get; init; } = 11112;

    public bool CheckCalledAeTitle { get; init; } = true;

    /// <summary>Associations open at once (counted from the TCP connection); more are rejected as "local limit exceeded".</summary>
    public int MaxAssociations { get; init; } = 16;

    public DicomNetworkLimits Limits { get; init; } = new();

    public DicomAccessControl AccessControl { get; init; } = new();

    /// <summary>When set, every connection must complete a mutually authenticated TLS handshake first.</summary>
    public DicomServerTlsOptions? Tls { get; init; }

    /// <summary>Storage SOP classes accepted (Verification is always accepted); every storage class of the standard by default.</summary>
    public IReadOnlySet<string> AcceptedSopClasses { get; init; } = new HashSet<string>(DicomStorageSopClasses.All.Keys, StringComparer.Ordinal);

    /// <summary>
    /// Transfer syntaxes accepted for storage. Data sets are stored exactly as received, so compressed syntaxes pass
    /// through without a codec. The first one the caller proposes that is in this set wins.
    /// </summary>
    public IReadOnlySet<string> AcceptedTransferSyntaxes { get; init; } = DefaultTransferSyntaxes;

    /// <summary>Folder whose file system is checked for <see cref="MinimumFreeDiskBytes"/> before each association.</summary>
    public string? DiskSpacePath { get; init; }

    /// <summary>New associations are refused (transient rejection) while less space than this is free.</summary>
    public long MinimumFreeDiskBytes { get; init; } = 2L << 30;

    public static IReadOnlySet<string> DefaultTransferSyntaxes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        DicomTransferSyntax.ImplicitVRLittleEndian.Uid,
        DicomTransferSyntax.ExplicitVRLittleEndian.Uid,
        DicomTransferSyntax.ExplicitVRBigEndian.Uid,
        DicomTransferSyntax.DeflatedExplicitVRLittleEndian.Uid,
        DicomTransferSyntax.EncapsulatedUncompressedExplicitVRLittleEndian.Uid,
        DicomTransferSyntax.JpegBaseline.Uid,
        DicomTransferSyntax.JpegExtended.Uid,
        DicomTransferSyntax.JpegLossless.Uid,
        DicomTransferSyntax.JpegLosslessSV1.Uid,
        DicomTransferSyntax.JpegLSLossless.Uid,
        DicomTransferSyntax.JpegLSNearLossless.Uid,
        DicomTransferSyntax.Jpeg2000Lossless.Uid,
        DicomTransferSyntax.Jpeg2000.Uid,
        DicomTransferSyntax.HtJpeg2000Lossless.Uid,
        DicomTransferSyntax.HtJpeg2000RpclLossless.Uid,
        DicomTransferSyntax.HtJpeg2000.Uid,
        DicomTransferSyntax.RleLossless.Uid,
        DicomTransferSyntax.DeflatedImageFrameCompression.Uid,
    };

    internal void Validate()
    {
        AeTitles.Validate(AeTitle, nameof(AeTitle));
        Limits.Validate();
        if (MaxAssociations < 1)
        {
            throw new ArgumentException("MaxAssociations must be at least 1");
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException("Port must be 0 to 65535");
        }

        if (DiskSpacePath is not null && !Directory.Exists(DiskSpacePath))
        {
            throw new ArgumentException($"DiskSpacePath {DiskSpacePath} does not exist");
        }

        foreach (var peer in AccessControl.AllowedPeers)
        {
            AeTitles.Validate(peer.AeTitle, nameof(AccessControl));
        }
    }
}
