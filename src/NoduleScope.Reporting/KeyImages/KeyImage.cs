namespace NoduleScope.Reporting.KeyImages;

/// <summary>
/// One rendered key image: an axial lung-window crop around a nodule with its outline and axes, as PNG bytes and as
/// 8-bit RGB pixels (row by row, for the Secondary Capture). <see cref="PixelSpacingMm"/> is the size of one output
/// pixel in the patient; <see cref="Slice"/> is the volume slice it was cut from.
/// </summary>
public sealed record KeyImage(int FindingId, int Slice, int Width, int Height, double PixelSpacingMm, byte[] Rgb, byte[] Png);
