namespace NoduleScope.Detection.Segmentation;

/// <summary>In-plane morphological opening of one slice of a mask with a disk, keeping the largest part: what is left
/// of a nodule's cross-section once vessels and spicules narrower than the disk are cut off.</summary>
internal static class SliceOpening
{
    /// <summary>The largest component of the eroded slice, dilated back within the slice; null when erosion leaves
    /// nothing (the cross-section is thinner than the disk).</summary>
    public static bool[]? LargestOpened(bool[] slice, int width, int height, double spacingX, double spacingY, double radiusMm)
    {
        var disk = Disk(spacingX, spacingY, radiusMm);
        var eroded = new bool[slice.Length];
        bool any = false;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (slice[(y * width) + x] && Covers(slice, width, height, x, y, disk))
                {
                    eroded[(y * width) + x] = true;
                    any = true;
                }
            }
        }

        if (!any)
        {
            return null;
        }

        var largest = LargestComponent(eroded, width, height);
        var opened = new bool[slice.Length];
        for (int i = 0; i < largest.Length; i++)
        {
            if (!largest[i])
            {
                continue;
            }

            int x = i % width, y = i / width;
            foreach (var (dx, dy) in disk)
            {
                int nx = x + dx, ny = y + dy;
                if ((uint)nx < (uint)width && (uint)ny < (uint)height && slice[(ny * width) + nx])
                {
                    opened[(ny * width) + nx] = true;
                }
            }
        }

        return opened;
    }

    private static (int Dx, int Dy)[] Disk(double spacingX, double spacingY, double radiusMm)
    {
        int rx = (int)(radiusMm / spacingX), ry = (int)(radiusMm / spacingY);
        var offsets = new List<(int, int)>();
        for (int dy = -ry; dy <= ry; dy++)
        {
            for (int dx = -rx; dx <= rx; dx++)
            {
                double ex = dx * spacingX, ey = dy * spacingY;
                if ((ex * ex) + (ey * ey) <= radiusMm * radiusMm)
                {
                    offsets.Add((dx, dy));
                }
            }
        }

        return [.. offsets];
    }

    private static bool Covers(bool[] slice, int width, int height, int x, int y, (int Dx, int Dy)[] disk)
    {
        foreach (var (dx, dy) in disk)
        {
            int nx = x + dx, ny = y + dy;
            if ((uint)nx >= (uint)width || (uint)ny >= (uint)height || !slice[(ny * width) + nx])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The largest 8-connected component.</summary>
    private static bool[] LargestComponent(bool[] mask, int width, int height)
    {
        var label = new int[mask.Length];
        var stack = new Stack<int>();
        int next = 0, best = 0, bestSize = 0;
        for (int start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || label[start] != 0)
            {
                continue;
            }

            next++;
            int size = 0;
            label[start] = next;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                size++;
                int x = i % width, y = i / width;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if ((uint)nx < (uint)width && (uint)ny < (uint)height)
                        {
                            int j = (ny * width) + nx;
                            if (mask[j] && label[j] == 0)
                            {
                                label[j] = next;
                                stack.Push(j);
                            }
                        }
                    }
                }
            }

            if (size > bestSize)
            {
                (best, bestSize) = (next, size);
            }
        }

        var largest = new bool[mask.Length];
        for (int i = 0; i < mask.Length; i++)
        {
            largest[i] = label[i] == best;
        }

        return largest;
    }
}
