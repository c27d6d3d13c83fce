namespace NoduleScope.Dicom;

/// <summary>A transfer syntax: how a dataset is encoded and whether its pixel data is encapsulated.</summary>
public sealed class DicomTransferSyntax
{
    private static readonly Dictionary<string, DicomTransferSyntax> Known = new(StringComparer.Ordinal);

    public static readonly DicomTransferSyntax ImplicitVRLittleEndian = Add("1.2.840.10008.1.2", "Implicit VR Little Endian", explicitVr: false);
    public static readonly DicomTransferSyntax ExplicitVRLittleEndian = Add("1.2.840.10008.1.2.1", "Explicit VR Little Endian");
    public static readonly DicomTransferSyntax EncapsulatedUncompressedExplicitVRLittleEndian = Add("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian", encapsulated: true);
    public static readonly DicomTransferSyntax DeflatedExplicitVRLittleEndian = Add("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", deflated: true);
    public static readonly DicomTransferSyntax ExplicitVRBigEndian = Add("1.2.840.10008.1.2.2", "Explicit VR Big Endian (retired)", bigEndian: true);
    public static readonly DicomTransferSyntax JpegBaseline = Add("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", encapsulated: true, lossy: true);
    public static readonly DicomTransferSyntax JpegExtended = Add("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", encapsulated: true, lossy: true);
    public static readonly DicomTransferSyntax JpegLossless = Add("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", encapsulated: true);
    public static readonly DicomTransferSyntax JpegLosslessSV1 = Add("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", encapsulated: true);
    public static readonly DicomTransferSyntax JpegLSLossless = Add("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression", encapsulated: true);
    public static readonly DicomTransferSyntax JpegLSNearLossless = Add("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression", encapsulated: true, lossy: true);
    public static readonly DicomTransferSyntax Jpeg2000Lossless = Add("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", encapsulated: true);
    public static readonly DicomTransferSyntax Jpeg2000 = Add("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", encapsulated: true, lossy: true);
    public static readonly DicomTransferSyntax HtJpeg2000Lossless = Add("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)", encapsulated: true);
    public static readonly DicomTransferSyntax HtJpeg2000RpclLossless = Add("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", encapsulated: true);
    public static readonly DicomTransferSyntax HtJpeg2000 = Add("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", encapsulated: true, lossy: true);
    public static readonly DicomTransferSyntax RleLossless = Add("1.2.840.10008.1.2.5", "RLE Lossless", encapsulated: true);
    public static readonly DicomTransferSyntax DeflatedImageFrameCompression = Add("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression", encapsulated: true);

    private DicomTransferSyntax(string uid, string name, bool explicitVr, bool bigEndian, bool deflated, bool encapsulated, bool lossy, bool known)
    {
        Uid = uid;
        Name = name;
        IsExplicitVR = explicitVr;
        IsBigEndian = bigEndian;
        IsDeflated = deflated;
        IsEncapsulated = encapsulated;
        IsLossy = lossy;
        IsKnown = known;
    }

    public string Uid { get; }

    public string Name { get; }

    public bool IsExplicitVR { get; }

    public bool IsBigEndian { get; }

    /// <summary>The whole dataset after the file meta information is deflated (RFC 1951).</summary>
    public bool IsDeflated { get; }

    /// <summary>Pixel data is stored as fragments of compressed frames.</summary>
    public bool IsEncapsulated { get; }

    public bool IsLossy { get; }

    /// <summary>False for a UID this library does not recognise.</summary>
    public bool IsKnown { get; }

    public static IReadOnlyCollection<DicomTransferSyntax> All => Known.Values;

    /// <summary>Looks a UID up; an unknown UID is treated as explicit VR little endian with encapsulated pixel data,
    /// as PS3.5 requires of every transfer syntax not listed (its pixel data then needs a codec we do not have).</summary>
    public static DicomTransferSyntax Lookup(string uid)
    {
        string trimmed = uid.Trim().TrimEnd('\0').Trim();
        return Known.TryGetValue(trimmed, out var ts)
            ? ts
            : new DicomTransferSyntax(trimmed, "Unknown transfer syntax " + trimmed, true, false, false, true, false, false);
    }

    public override string ToString() => $"{Name} ({Uid})";

    private static DicomTransferSyntax Add(string uid, string name, bool explicitVr = true, bool bigEndian = false, bool deflated = false, bool encapsulated = false, bool lossy = false)
    {
        var ts = new DicomTransferSyntax(uid, name, explicitVr, bigEndian, deflated, encapsulated, lossy, true);
        Known.Add(uid, ts);
        return ts;
    }
}
