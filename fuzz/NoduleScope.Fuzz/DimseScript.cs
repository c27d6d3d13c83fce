using NoduleScope.Dicom.Network.Dimse;
using NoduleScope.Dicom.Network.Pdus;

namespace NoduleScope.Fuzz;

/// <summary>Builds the seed byte streams of the DIMSE targets: PDUs one after the other, as a peer sends them.</summary>
internal static class DimseScript
{
    /// <summary>A command set in one P-DATA-TF on the given presentation context.</summary>
    public static byte[] Command(byte contextId, DicomCommand command) =>
        PduCodec.Encode(new DataTransferPdu([new PresentationDataValue(contextId, true, true, command.Encode())]));

    public static byte[] Concat(params byte[][] parts)
    {
        using var output = new MemoryStream();
        foreach (byte[] part in parts)
        {
            output.Write(part);
        }

        return output.ToArray();
    }
}
