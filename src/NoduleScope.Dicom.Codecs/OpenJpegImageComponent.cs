using System.Runtime.InteropServices;

namespace NoduleScope.Dicom.Codecs;

/// <summary>opj_image_comp_t from OpenJPEG 2.x (openjpeg.h).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OpenJpegImageComponent
{
    public uint Dx;
    public uint Dy;
    public uint Width;
    public uint Height;
    public uint X0;
    public uint Y0;
    public uint Precision;
    public uint BitsPerPixel;
    public uint Signed;
    public uint ResolutionsDecoded;
    public uint Factor;
    public int* Data;
    public ushort Alpha;
}
