namespace NoduleScope.Imaging.Processing;

/// <summary>6-connected labelling of a mask (union-find over one pass, then relabelling), with per-component statistics.</summary>
public sealed class ConnectedComponents
{
    private ConnectedComponents(ImageGrid grid, int[] labels, List<ConnectedComponent> components)
    {
        Grid = grid;
        Labels = labels;
        Components = components;
    }

    public ImageGrid Grid { get; }

    /// <summary>Component label per voxel (0 = background, 1..Count).</summary>
    public int[] Labels { get; }

    /// <summary>Components, indexed by label − 1.</summary>
    public IReadOnlyList<ConnectedComponent> Components { get; }

    public static ConnectedComponents Label(MaskVolume mask)
    {
        var g = mask.Grid;
        int nx = g.SizeX, ny = g.SizeY, nz = g.SizeZ;
        var labels = new int[mask.Data.Length];
        var parent = new List<int> { 0 };
        byte[] m = mask.Data;
        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                int row = ((z * ny) + y) * nx;
                for (int x = 0; x < nx; x++)
                {
                    int i = row + x;
                    if (m[i] == 0)
                    {
                        continue;
                    }

                    int a = x > 0 ? labels[i - 1] : 0;
                    int b = y > 0 ? labels[i - nx] : 0;
                    int c = z > 0 ? labels[i - (nx * ny)] : 0;
                    int label = Min(a, b, c);
                    if (label == 0)
                    {
                        label = parent.Count;
                        parent.Add(label);
                    }
                    else
                    {
                        label = Find(parent, label);
                        Union(parent, label, a);
                        Union(parent, label, b);
                        Union(parent, label, c);
                        label = Find(parent, label);
                    }

                    labels[i] = label;
                }
            }
        }

        // Compact the roots to 1..n and gather statistics.
        var compact = new int[parent.Count];
        int next = 0;
        for (int l = 1; l < parent.Count; l++)
        {
            int root = Find(parent, l);
            if (compact[root] == 0)
            {
                compact[root] = ++next;
            }

            compact[l] = compact[root];
        }

        var count = new long[next + 1];
        var sum = new double[(next + 1) * 3];
        var box = new int[(next + 1) * 6];
        for (int l = 1; l <= next; l++)
        {
            box[(l * 6) + 0] = box[(l * 6) + 1] = box[(l * 6) + 2] = int.MaxValue;
            box[(l * 6) + 3] = box[(l * 6) + 4] = box[(l * 6) + 5] = int.MinValue;
        }

        for (int z = 0; z < nz; z++)
        {
            for (int y = 0; y < ny; y++)
            {
                int row = ((z * ny) + y) * nx;
                for (int x = 0; x < nx; x++)
                {
                    int l = labels[row + x];
                    if (l == 0)
                    {
                        continue;
                    }

                    l = compact[l];
                    labels[row + x] = l;
                    count[l]++;
                    sum[l * 3] += x;
                    sum[(l * 3) + 1] += y;
                    sum[(l * 3) + 2] += z;
                    int bi = l * 6;
                    box[bi] = Math.Min(box[bi], x);
                    box[bi + 1] = Math.Min(box[bi + 1], y);
                    box[bi + 2] = Math.Min(box[bi + 2], z);
                    box[bi + 3] = Math.Max(box[bi + 3], x);
                    box[bi + 4] = Math.Max(box[bi + 4], y);
                    box[bi + 5] = Math.Max(box[bi + 5], z);
                }
            }
        }

        var components = new List<ConnectedComponent>(next);
        for (int l = 1; l <= next; l++)
        {
            int bi = l * 6;
            components.Add(new ConnectedComponent(l, count[l], box[bi], box[bi + 1], box[bi + 2], box[bi + 3], box[bi + 4], box[bi + 5],
                new Vector3D(sum[l * 3] / count[l], sum[(l * 3) + 1] / count[l], sum[(l * 3) + 2] / count[l])));
        }

        return new ConnectedComponents(g, labels, components);
    }

    /// <summary>A mask of the voxels whose component satisfies <paramref name="keep"/>.</summary>
    public MaskVolume Select(Func<ConnectedComponent, bool> keep, byte value = 1)
    {
        var kept = new bool[Components.Count + 1];
        foreach (var c in Components)
        {
            kept[c.Label] = keep(c);
        }

        var result = new MaskVolume(Grid);
        for (int i = 0; i < Labels.Length; i++)
        {
            if (kept[Labels[i]] && Labels[i] != 0)
            {
                result.Data[i] = value;
            }
        }

        return result;
    }

    /// <summary>Smallest non-zero of three labels, 0 when all are 0.</summary>
    private static int Min(int a, int b, int c)
    {
        uint m = Math.Min(Math.Min((uint)a - 1, (uint)b - 1), (uint)c - 1);
        return (int)(m + 1);
    }

    private static int Find(List<int> parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    private static void Union(List<int> parent, int a, int b)
    {
        if (b == 0)
        {
            return;
        }

        int ra = Find(parent, a), rb = Find(parent, b);
        if (ra != rb)
        {
            if (ra < rb)
            {
                parent[rb] = ra;
            }
            else
            {
                parent[ra] = rb;
            }
        }
    }
}
