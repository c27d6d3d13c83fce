using NoduleScope.Imaging.Processing;
using NoduleScope.Imaging.Registration;
using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.Imaging.Tests.Registration;

public sealed class TransformResamplerTests
{
    [Fact]
    public void AWholeVoxelShiftMovesTheVoxelsExactly()
    {
        var volume = SyntheticChestPhantom.Create(32, 12, 2.5, seed: 3);
        // out(x) = in(x + 2 voxels along x, 1 along z): voxel (i, j, k) of the output is voxel (i + 2, j, k + 1) of the input.
        var moved = TransformResampler.Resample(volume, volume.Grid, AffineTransform.Shift(new Vector3D(5, 0, 2.5)), -1000);

        Assert.Equal(volume[7, 9, 4], moved[5, 9, 3]);
        Assert.Equal(volume[31, 0, 11], moved[29, 0, 10]);
        Assert.Equal(-1000, moved[30, 0, 0]);
        Assert.Equal(-1000, moved[0, 0, 11]);
    }

    [Fact]
    public void ResamplesOntoAGridOfAnotherOrientation()
    {
        var volume = SyntheticChestPhantom.Create(32, 12, 2.5, seed: 3);
        // The same region seen through a grid whose x axis runs backwards: voxel i maps to input voxel 31 − i.
        var mirrored = volume.Grid with { Origin = volume.VoxelToWorld(31, 0, 0), DirectionX = new Vector3D(-1, 0, 0) };
        var resampled = TransformResampler.Resample(volume, mirrored, AffineTransform.Identity, -1000);

        Assert.Equal(volume[31, 5, 6], resampled[0, 5, 6]);
        Assert.Equal(volume[4, 20, 2], resampled[27, 20, 2]);
    }

    [Fact]
    public void FloatResamplingInterpolatesLinearly()
    {
        var grid = new ImageGrid(4, 1, 1, new Vector3D(1, 1, 1), Vector3D.Zero, new Vector3D(1, 0, 0), new Vector3D(0, 1, 0), new Vector3D(0, 0, 1));
        var ramp = new FloatVolume(grid, [0, 10, 20, 30]);
        var shifted = TransformResampler.Resample(ramp, grid, AffineTransform.Shift(new Vector3D(0.25, 0, 0)), float.NaN);

        Assert.Equal([2.5f, 12.5f, 22.5f], shifted.Data[..3]);
        Assert.True(float.IsNaN(shifted.Data[3]));
    }
}
