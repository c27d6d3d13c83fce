using NoduleScope.Imaging;

namespace NoduleScope.Detection;

/// <summary>Evenly spread unit directions for ray casting.</summary>
internal static class SphereDirections
{
    /// <summary>Fibonacci-spiral directions on the upper hemisphere and their opposites: direction i + half is −direction i.</summary>
    public static Vector3D[] Symmetric(int half)
    {
        var result = new Vector3D[2 * half];
        double golden = Math.PI * (3 - Math.Sqrt(5));
        for (int i = 0; i < half; i++)
        {
            double z = 1 - ((i + 0.5) / half);
            double r = Math.Sqrt(1 - (z * z));
            double phi = golden * i;
            result[i] = new Vector3D(r * Math.Cos(phi), r * Math.Sin(phi), z);
            result[i + half] = new Vector3D(-result[i].X, -result[i].Y, -result[i].Z);
        }

        return result;
    }
}
