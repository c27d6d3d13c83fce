using System.Text;

namespace NoduleScope.Dicom.Deidentification;

/// <summary>The non-zero-length dummy values of action D, one per VR, carrying no information about anyone.</summary>
public static class DummyValues
{
    public const string Text = "ANONYMOUS";

    /// <summary>The dummy bytes for <paramref name="vr"/> (padded to even length); UI is handled by the caller (a mapped UID).</summary>
    public static byte[] For(DicomVR vr) => vr switch
    {
        DicomVR.DA => Ascii("19000101"),
        DicomVR.TM => Ascii("000000"),
        DicomVR.DT => Ascii("19000101000000"),
        DicomVR.AS => Ascii("000Y"),
        DicomVR.DS or DicomVR.IS => Ascii("0"),
        DicomVR.UR => Ascii("urn:anonymous"),
        DicomVR.AE or DicomVR.CS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.UC or DicomVR.UT => Ascii(Text),
        DicomVR.UI => throw new ArgumentException("UI dummies are mapped UIDs", nameof(vr)),
        _ => new byte[Math.Max(2, vr.ValueSize())],
    };

    private static byte[] Ascii(string value)
    {
        string even = value.Length % 2 == 0 ? value : value + " ";
        return Encoding.ASCII.GetBytes(even);
    }
}
