using NoduleScope.Imaging.Processing;

namespace NoduleScope.Imaging.Registration;

/// <summary>The fixed image's sample points (world mm) and values: the masked voxels, or an even subset of them.</summary>
internal sealed class RegistrationSamples
{
    private RegistrationSamples(float[] x, float[] y, float[] z, float[] values, Vector3D centre, double radius)
    {
        X = x;
        Y = y;
        Z = z;
        Values = values;
        Centre = centre;
        Radius = radius;
    }

    public float[] X { get; }

    public float[] Y { get; }

    public float[] Z { get; }

    public float[] Values { get; }

    public int Count => Values.Length;

    /// <summary>Centroid of the samples: rotations and scalings are parametrised about it.</summary>
    public Vector3D Centre { get; }

    /// <summary>Largest distance of a sample from <see cref="Centre"/>: how far an update of the linear part moves a sample.</summary>
    public double Radius { get; }

    public static RegistrationSamples Create(FloatVolume image, MaskVolume? mask, int maxSamples)
    {
        var g = image.Grid;
        if (mask is not null && (mask.Grid.SizeX != g.SizeX || mask.Grid.SizeY != g.SizeY || mask.Grid.SizeZ != g.SizeZ))
        {
            throw new ArgumentException("the mask must lie on the fixed image's grid", nameof(mask));
        }

        long count = mask?.CountNonZero() ?? g.Count;
        double keep = Math.Min(1, maxSamples / (double)Math.Max(1, count));
        int n = (int)Math.Min(count, Math.Floor(count * keep) + 1);
        var x = new float[n];
        var y = new float[n];
        var z = new float[n];
        var values = new float[n];
        int taken = 0;
        long seen = 0;
        double sx = 0, sy = 0, sz = 0;
        for (int k = 0, i = 0; k < g.SizeZ; k++)
        {
            for (int j = 0; j < g.SizeY; j++)
            {
                for (int ii = 0; ii < g.SizeX; ii++, i++)
                {
                    if (mask is not null && mask.Data[i] == 0)
                    {
                        continue;
                    }

                    // Evenly spread selection: take a voxel whenever the running quota passes an integer.
                    bool take = (long)((seen + 1) * keep) != (long)(seen * keep);
                    seen++;
                    if (!take || taken == n)
                    {
                        continue;
                    }

                    var w = g.VoxelToWorld(ii, j, k);
                    x[taken] = (float)w.X;
                    y[taken] = (float)w.Y;
                    z[taken] = (float)w.Z;
                    values[taken] = image.Data[i];
                    sx += w.X;
                    sy += w.Y;
                    sz += w.Z;
                    taken++;
                }
            }
        }

        if (taken < n)
        {
            Array.Resize(ref x, taken);
            Array.Resize(ref y, taken);
            Array.Resize(ref z, taken);
            Array.Resize(ref values, taken);
        }

        var centre = taken == 0 ? Vector3D.Zero : new Vector3D(sx / taken, sy / taken, sz / taken);
        double radius = 0;
        for (int s = 0; s < taken; s++)
        {
            radius = Math.Max(radius, (new Vector3D(x[s], y[s], z[s]) - centre).Length);
        }

        return new RegistrationSamples(x, y, z, values, centre, radius);
    }
}
