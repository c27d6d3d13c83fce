using NoduleScope.Detection.Candidates;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Detection.Tests;

public sealed class DotnessTests
{
    [Fact]
    public void SpheresAreDotLikeAndTubesAreNot()
    {
        var grid = new NoduleScope.Imaging.Processing.ImageGrid(41, 41, 41, new Vector3D(1, 1, 1), Vector3D.Zero, new Vector3D(1, 0, 0), new Vector3D(0, 1, 0), new Vector3D(0, 0, 1));
        var sphere = new FloatVolume(grid);
        var tube = new FloatVolume(grid);
        for (int z = 0; z < 41; z++)
        {
            for (int y = 0; y < 41; y++)
            {
                for (int x = 0; x < 41; x++)
                {
                    int dx = x - 20, dy = y - 20, dz = z - 20;
                    sphere[x, y, z] = (dx * dx) + (dy * dy) + (dz * dz) <= 16 ? 900 : 0;
                    tube[x, y, z] = (dx * dx) + (dy * dy) <= 16 ? 900 : 0;
                }
            }
        }

        int centre = grid.Index(20, 20, 20);
        double sphereDot = CandidateGenerator.Dotness(GaussianFilter.Smooth(sphere, 2.3).Data, centre, 41, 41 * 41, grid);
        double tubeDot = CandidateGenerator.Dotness(GaussianFilter.Smooth(tube, 2.3).Data, centre, 41, 41 * 41, grid);
        Assert.True(sphereDot > 0.9, $"sphere {sphereDot}");
        Assert.True(tubeDot < 0.2, $"tube {tubeDot}");
    }
}
