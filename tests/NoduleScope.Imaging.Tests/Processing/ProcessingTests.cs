using NoduleScope.Imaging.Processing;

namespace NoduleScope.Imaging.Tests.Processing;

public sealed class ProcessingTests
{
    private static ImageGrid Grid(int n, double sx = 1, double sy = 1, double sz = 1) =>
        new(n, n, n, new Vector3D(sx, sy, sz), Vector3D.Zero, new Vector3D(1, 0, 0), new Vector3D(0, 1, 0), new Vector3D(0, 0, 1));

    [Fact]
    public void DistanceTransformIsExactAgainstBruteForce()
    {
        var grid = Grid(12, 0.7, 1.0, 2.5);
        var mask = new MaskVolume(grid);
        var random = new Random(7);
        var points = new List<(int X, int Y, int Z)>();
        for (int i = 0; i < 6; i++)
        {
            var p = (random.Next(12), random.Next(12), random.Next(12));
            points.Add(p);
            mask[p.Item1, p.Item2, p.Item3] = 1;
        }

        var d = DistanceTransform.SquaredToNearest(mask);
        for (int z = 0; z < 12; z++)
        {
            for (int y = 0; y < 12; y++)
            {
                for (int x = 0; x < 12; x++)
                {
                    double best = double.MaxValue;
                    foreach (var p in points)
                    {
                        double dx = (x - p.X) * 0.7, dy = (y - p.Y) * 1.0, dz = (z - p.Z) * 2.5;
                        best = Math.Min(best, (dx * dx) + (dy * dy) + (dz * dz));
                    }

                    Assert.Equal(best, d[grid.Index(x, y, z)], 3);
                }
            }
        }
    }

    [Fact]
    public void DilatingAPointGivesASphereOfTheRightVolume()
    {
        var grid = Grid(41, 0.5, 0.5, 0.5);
        var mask = new MaskVolume(grid);
        mask[20, 20, 20] = 1;
        var sphere = Morphology.Dilate(mask, 8);
        double volume = sphere.CountNonZero() * grid.VoxelVolume;
        Assert.Equal(4 / 3.0 * Math.PI * 512, volume, 2144.66 * 0.03);
        var eroded = Morphology.Erode(sphere, 7.9);
        Assert.Equal(1, eroded.CountNonZero());
    }

    [Fact]
    public void ConnectedComponentsCountsAndMeasuresRegions()
    {
        var grid = Grid(10);
        var mask = new MaskVolume(grid);
        for (int x = 0; x < 3; x++)
        {
            mask[x, 0, 0] = 1;
        }

        mask[5, 5, 5] = 1;
        mask[5, 5, 6] = 1;
        mask[9, 9, 9] = 1;
        mask[8, 9, 8] = 1; // diagonal only: separate under 6-connectivity
        var cc = ConnectedComponents.Label(mask);
        Assert.Equal(4, cc.Components.Count);
        Assert.Contains(cc.Components, c => c.VoxelCount == 3 && c.Centroid == new Vector3D(1, 0, 0));
        Assert.Contains(cc.Components, c => c.VoxelCount == 2 && c.MinZ == 5 && c.MaxZ == 6);
        var big = cc.Select(c => c.VoxelCount >= 2);
        Assert.Equal(5, big.CountNonZero());
    }

    [Fact]
    public void GaussianKeepsTheMeanAndSpreadsAnImpulseBySigma()
    {
        var grid = Grid(31, 1, 1, 2);
        var volume = new FloatVolume(grid);
        volume[15, 15, 15] = 1000;
        var smooth = GaussianFilter.Smooth(volume, 2.0);
        double sum = 0, varX = 0, varZ = 0;
        for (int z = 0; z < 31; z++)
        {
            for (int y = 0; y < 31; y++)
            {
                for (int x = 0; x < 31; x++)
                {
                    double v = smooth[x, y, z];
                    sum += v;
                    varX += v * (x - 15) * (x - 15);
                    varZ += v * (z - 15) * (z - 15) * 4;
                }
            }
        }

        Assert.Equal(1000, sum, 0.5);
        Assert.Equal(4.0, varX / sum, 0.1);
        Assert.Equal(4.0, varZ / sum, 0.3);
    }

    [Fact]
    public void FillHolesPerSliceClosesCavities()
    {
        var grid = Grid(9);
        var mask = new MaskVolume(grid);
        for (int y = 2; y <= 6; y++)
        {
            for (int x = 2; x <= 6; x++)
            {
                mask[x, y, 4] = (byte)(x is 2 or 6 || y is 2 or 6 ? 1 : 0);
            }
        }

        Morphology.FillHolesPerSlice(mask);
        Assert.Equal(25, mask.CountNonZero());
    }

    [Fact]
    public void ResamplingKeepsWorldPositions()
    {
        var volume = CtVolume.CreateAxial(20, 20, 10, new Vector3D(0.7, 0.7, 2.5), new Vector3D(-5, 3, 100));
        for (int i = 0; i < volume.Voxels.Length; i++)
        {
            volume.Voxels[i] = (short)(i % 20 * 10);
        }

        var target = ImageGrid.Of(volume).Resampled(new Vector3D(1, 1, 1));
        var resampled = Resampler.ToGrid(volume, target);
        Assert.Equal(volume.VoxelToWorld(19, 19, 9).X, target.VoxelToWorld(target.SizeX - 1, 0, 0).X, 0.5);
        // Value at world x follows the x gradient of the source.
        for (int i = 0; i < target.SizeX; i++)
        {
            double sourceX = volume.WorldToVoxel(target.VoxelToWorld(i, 3, 4)).X;
            Assert.Equal(sourceX * 10, resampled[i, 3, 4], 0.01);
        }
    }
}
