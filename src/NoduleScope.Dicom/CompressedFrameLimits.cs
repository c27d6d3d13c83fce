using System.Globalization;

namespace NoduleScope.Dicom;

/// <summary>
/// How many decoded bytes one stored byte can give, for the compressed formats where the format itself bounds it, so a
/// small file declaring a huge frame is refused before a frame (or a volume) of that size is allocated. RLE: a
/// two-byte replicate run gives at most 128 bytes (64:1). Deflate: at most 1032:1 (RFC 1951's longest match per
/// shortest code). Lossless JPEG (process 14): every sample costs at least one bit and decodes to at most two bytes
/// (16:1). DCT JPEG, JPEG-LS (run mode) and JPEG 2000 have no useful bound: blank frames legitimately compress past
/// 1000:1, so they are not limited here.
/// </summary>
public static class CompressedFrameLimits
{
    /// <summary>Headers, offset tables and padding a frame may carry besides its coded data.</summary>
    public const long Slack = 4096;

    /// <summary>The largest decoded-to-stored byte ratio the syntax allows; null when the format does not bound it.</summary>
    public static double? MaxExpansionRatio(DicomTransferSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        if (syntax == DicomTransferSyntax.RleLossless)
        {
            return 64;
        }

        if (syntax == DicomTransferSyntax.DeflatedImageFrameCompression)
        {
            return 1032;
        }

        if (syntax == DicomTransferSyntax.JpegLossless || syntax == DicomTransferSyntax.JpegLosslessSV1)
        {
            return 16;
        }

        return null;
    }

    /// <summary>Whether <paramref name="storedBytes"/> of <paramref name="syntax"/> can decode to <paramref name="decodedBytes"/>.</summary>
    public static bool CanHold(DicomTransferSyntax syntax, long storedBytes, long decodedBytes) =>
        MaxExpansionRatio(syntax) is not { } ratio || decodedBytes <= (ratio * (double)storedBytes) + Slack;

    /// <summary>Why the stored bytes cannot hold the declared frame; null when they can.</summary>
    public static string? Violation(DicomTransferSyntax syntax, long storedBytes, long decodedBytes, string what) =>
        CanHold(syntax, storedBytes, decodedBytes) ? null : string.Create(CultureInfo.InvariantCulture,
            $"{what} declares {decodedBytes} decoded bytes, but its {storedBytes} stored bytes of {syntax.Name} can decode to at most {MaxExpansionRatio(syntax)} bytes each");
}
