namespace NoduleScope.Imaging.Processing;

/// <summary>Binary morphology with true (anisotropic) spheres of a radius in mm, built on the distance transform.</summary>
public static class Morphology
{
    public static MaskVolume Dilate(MaskVolume mask, double radiusMm)
    {
        var d = DistanceTransform.SquaredToNearest(mask, toSet: true);
        float r2 = (float)(radiusMm * radiusMm);
        var result = new MaskVolume(mask.Grid);
        for (int i = 0; i < d.Length; i++)
        {
            result.Data[i] = d[i] <= r2 ? (byte)1 : (byte)0;
        }

        return result;
    }

    public static MaskVolume Erode(MaskVolume mask, double radiusMm)
    {
        var d = DistanceTransform.SquaredToNearest(mask, toSet: false);
        float r2 = (float)(radiusMm * radiusMm);
        var result = new MaskVolume(mask.Grid);
        for (int i = 0; i < d.Length; i++)
        {
            result.Data[i] = d[i] > r2 ? (byte)1 : (byte)0;
        }

        return result;
    }

    public static MaskVolume Close(MaskVolume mask, double radiusMm) => Erode(Dilate(mask, radiusMm), radiusMm);

    public static MaskVolume Open(MaskVolume mask, double radiusMm) => Dilate(Erode(mask, radiusMm), radiusMm);

    /// <summary>Fills holes in each axial slice: background not reachable from the slice border becomes foreground.</summary>
    public static void FillHolesPerSlice(MaskVolume mask)
    {
        var g = mask.Grid;
        Parallel.For(0, g.SizeZ, z =>
        {
            var outside = new bool[g.SliceLength];
            var stack = new Stack<int>();
            var data = mask.Data;
            int offset = z * g.SliceLength;
            for (int x = 0; x < g.SizeX; x++)
            {
                Seed(x, 0);
                Seed(x, g.SizeY - 1);
            }

            for (int y = 0; y < g.SizeY; y++)
            {
                Seed(0, y);
                Seed(g.SizeX - 1, y);
            }

            while (stack.Count > 0)
            {
                int i = stack.Pop();
                int x = i % g.SizeX, y = i / g.SizeX;
                if (x > 0)
                {
                    Visit(i - 1);
                }

                if (x < g.SizeX - 1)
                {
                    Visit(i + 1);
                }

                if (y > 0)
                {
                    Visit(i - g.SizeX);
                }

                if (y < g.SizeY - 1)
                {
                    Visit(i + g.SizeX);
                }
            }

            for (int i = 0; i < outside.Length; i++)
            {
                if (!outside[i])
                {
                    data[offset + i] = data[offset + i] == 0 ? (byte)1 : data[offset + i];
                }
            }

            void Seed(int x, int y) => Visit((y * g.SizeX) + x);

            void Visit(int i)
            {
                if (!outside[i] && data[offset + i] == 0)
                {
                    outside[i] = true;
                    stack.Push(i);
                }
            }
        });
    }
}
