using System.Runtime.InteropServices;

namespace NoduleScope.Dicom.Codecs;

/// <summary>opj_image_t from OpenJPEG 2.x (openjpeg.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpenJpegImage
{
    public uint X0;
    public uint Y0;
    public uint X1;
    public uint Y1;
    public uint NumberOfComponents;
    public int ColorSpace;
    public OpenJpegImageComponent* Components;
    public byte* IccProfile;
    public uint IccProfileLength;
}
