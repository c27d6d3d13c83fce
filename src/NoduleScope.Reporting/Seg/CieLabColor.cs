namespace NoduleScope.Reporting.Seg;

/// <summary>sRGB to the scaled CIELab triplet of Recommended Display CIELab Value (0062,000D), PS3.3 C.10.7.1.1.</summary>
internal static class CieLabColor
{
    public static ushort[] FromRgb(byte r, byte g, byte b)
    {
        double rl = Linear(r), gl = Linear(g), bl = Linear(b);
        double x = ((0.4124 * rl) + (0.3576 * gl) + (0.1805 * bl)) / 0.95047;
        double y = (0.2126 * rl) + (0.7152 * gl) + (0.0722 * bl);
        double z = ((0.0193 * rl) + (0.1192 * gl) + (0.9505 * bl)) / 1.08883;
        double fx = F(x), fy = F(y), fz = F(z);
        double l = (116 * fy) - 16, a = 500 * (fx - fy), bb = 200 * (fy - fz);
        return [Scale(l * 65535 / 100), Scale((a + 128) * 65535 / 255), Scale((bb + 128) * 65535 / 255)];
    }

    private static double Linear(byte c)
    {
        double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
    }

    private static double F(double t) => t > 0.008856 ? Math.Cbrt(t) : (7.787 * t) + (16.0 / 116);

    private static ushort Scale(double v) => (ushort)Math.Clamp(Math.Round(v), 0, 65535);
}
