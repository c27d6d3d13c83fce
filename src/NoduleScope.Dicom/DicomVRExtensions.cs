namespace NoduleScope.Dicom;

/// <summary>Facts about value representations needed to read and write them.</summary>
public static class DicomVRExtensions
{
    /// <summary>True when a byte pair is one of the VRs of PS3.5 (used to detect explicit VR streams).</summary>
    public static bool IsKnown(this DicomVR vr) => vr switch
    {
        DicomVR.AE or DicomVR.AS or DicomVR.AT or DicomVR.CS or DicomVR.DA or DicomVR.DS or DicomVR.DT or DicomVR.FD
            or DicomVR.FL or DicomVR.IS or DicomVR.LO or DicomVR.LT or DicomVR.OB or DicomVR.OD or DicomVR.OF
            or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.PN or DicomVR.SH or DicomVR.SL or DicomVR.SQ
            or DicomVR.SS or DicomVR.ST or DicomVR.SV or DicomVR.TM or DicomVR.UC or DicomVR.UI or DicomVR.UL
            or DicomVR.UN or DicomVR.UR or DicomVR.US or DicomVR.UT or DicomVR.UV => true,
        _ => false,
    };

    /// <summary>Explicit VR encodings with a 2-byte reserved field and a 4-byte length.</summary>
    public static bool HasLongLength(this DicomVR vr) => vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL
        or DicomVR.OV or DicomVR.OW or DicomVR.SQ or DicomVR.UC or DicomVR.UN or DicomVR.UR or DicomVR.UT
        or DicomVR.SV or DicomVR.UV;

    /// <summary>Text VRs, whose values are character strings.</summary>
    public static bool IsString(this DicomVR vr) => vr is DicomVR.AE or DicomVR.AS or DicomVR.CS or DicomVR.DA
        or DicomVR.DS or DicomVR.DT or DicomVR.IS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH
        or DicomVR.ST or DicomVR.TM or DicomVR.UC or DicomVR.UI or DicomVR.UR or DicomVR.UT;

    /// <summary>Text VRs whose bytes are decoded with the dataset's Specific Character Set (the others are ASCII).</summary>
    public static bool UsesCharacterSet(this DicomVR vr) => vr is DicomVR.LO or DicomVR.LT or DicomVR.PN
        or DicomVR.SH or DicomVR.ST or DicomVR.UC or DicomVR.UT;

    /// <summary>Size of one binary value, for byte swapping between big and little endian (1 = no swap).</summary>
    public static int ValueSize(this DicomVR vr) => vr switch
    {
        DicomVR.AT or DicomVR.OW or DicomVR.SS or DicomVR.US => 2,
        DicomVR.FL or DicomVR.OF or DicomVR.OL or DicomVR.SL or DicomVR.UL => 4,
        DicomVR.FD or DicomVR.OD or DicomVR.OV or DicomVR.SV or DicomVR.UV => 8,
        _ => 1,
    };

    /// <summary>Padding byte for odd-length values: space for text, NUL for UI and binary.</summary>
    public static byte PaddingByte(this DicomVR vr) => vr.IsString() && vr != DicomVR.UI ? (byte)' ' : (byte)0;

    public static string Code(this DicomVR vr) => vr == DicomVR.None
        ? "??"
        : new string([(char)((ushort)vr >> 8), (char)((ushort)vr & 0xFF)]);

    public static DicomVR FromBytes(byte first, byte second) => (DicomVR)((first << 8) | second);

    public static DicomVR Parse(string code) => code.Length == 2 ? FromBytes((byte)code[0], (byte)code[1]) : DicomVR.None;
}
