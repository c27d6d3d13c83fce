using NoduleScope.Imaging.Processing;

namespace NoduleScope.Imaging.Registration;

/// <summary>
/// Resamples an image through a world transform onto any grid (trilinear): out(v) = source(targetToSource(world(v))),
/// for grids of any orientation. Points outside the source get <c>outsideValue</c>.
/// </summary>
public static class TransformResampler
{
    public static CtVolume Resample(CtVolume source, ImageGrid target, AffineTransform targetToSource, short outsideValue)
    {
        var map = GridAffine.IndexMap(target, targetToSource, source.Grid);
        var voxels = new short[target.Count];
        short[] src = source.Voxels;
        int nx = source.SizeX, ny = source.SizeY, nz = source.SizeZ;
        Parallel.For(0, target.SizeZ, k =>
        {
            var s = src.AsSpan();
            for (int j = 0; j < target.SizeY; j++)
            {
                var p = map.Apply(new Vector3D(0, j, k));
                var step = map.Matrix.Column1;
                int row = target.Index(0, j, k);
                for (int i = 0; i < target.SizeX; i++)
                {
                    voxels[row + i] = VolumeSampler.TrySample(s, nx, ny, nz, p.X + (i * step.X), p.Y + (i * step.Y), p.Z + (i * step.Z), out float v)
                        ? (short)Math.Clamp(MathF.Round(v), short.MinValue, short.MaxValue)
                        : outsideValue;
                }
            }
        });
        return new CtVolume(target.SizeX, target.SizeY, target.SizeZ, target.Spacing, target.Origin, target.DirectionX, target.DirectionY, target.DirectionZ, voxels)
        {
            Source = source.Source,
        };
    }

    public static FloatVolume Resample(FloatVolume source, ImageGrid target, AffineTransform targetToSource, float outsideValue)
    {
        var map = GridAffine.IndexMap(target, targetToSource, source.Grid);
        var result = new FloatVolume(target);
        float[] src = source.Data, dst = result.Data;
        int nx = source.Grid.SizeX, ny = source.Grid.SizeY, nz = source.Grid.SizeZ;
        Parallel.For(0, target.SizeZ, k =>
        {
            var s = src.AsSpan();
            for (int j = 0; j < target.SizeY; j++)
            {
                var p = map.Apply(new Vector3D(0, j, k));
                var step = map.Matrix.Column1;
                int row = target.Index(0, j, k);
                for (int i = 0; i < target.SizeX; i++)
                {
                    dst[row + i] = VolumeSampler.TrySample(s, nx, ny, nz, p.X + (i * step.X), p.Y + (i * step.Y), p.Z + (i * step.Z), out float v) ? v : outsideValue;
                }
            }
        });
        return result;
    }
}
