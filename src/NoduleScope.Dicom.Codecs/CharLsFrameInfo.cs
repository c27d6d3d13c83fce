using System.Runtime.InteropServices;

namespace NoduleScope.Dicom.Codecs;

/// <summary>charls_frame_info from the CharLS C API.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct CharLsFrameInfo
{
    public uint Width;
    public uint Height;
    public int BitsPerSample;
    public int ComponentCount;
}
