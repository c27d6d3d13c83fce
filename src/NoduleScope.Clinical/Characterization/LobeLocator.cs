using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;

namespace NoduleScope.Clinical.Characterization;

/// <summary>
/// Locates a nodule in the lungs: side from the lung labels, distance to the pleura (lung-mask edge), juxtapleural
/// when the nodule reaches within 1.5 mm of it, and an approximate lobe from a geometric fissure model: within each
/// lung (bounding box, 0 = base/anterior, 1 = apex/posterior) the oblique fissure runs from the posterior third of
/// the lung at 70 % of its height down to the anterior base; the right horizontal fissure lies at 55 % of the height
/// in front of the oblique one, and the lingula is the anterior part of the left upper lobe below 50 %.
/// </summary>
public sealed class LobeLocator
{
    private readonly LungSegmentation lungs;
    private readonly float[] edgeDistanceSquared;
    private readonly Dictionary<byte, (Vector3D Min, Vector3D Max)> boxes = [];

    public LobeLocator(LungSegmentation lungs)
    {
        this.lungs = lungs;
        edgeDistanceSquared = lungs.EdgeDistanceSquared;
        var g = lungs.Labels.Grid;
        for (int z = 0; z < g.SizeZ; z++)
        {
            for (int y = 0; y < g.SizeY; y++)
            {
                for (int x = 0; x < g.SizeX; x++)
                {
                    byte label = lungs.Labels.Data[g.Index(x, y, z)];
                    if (label == 0)
                    {
                        continue;
                    }

                    var w = g.VoxelToWorld(x, y, z);
                    boxes[label] = boxes.TryGetValue(label, out var b)
                        ? (new Vector3D(Math.Min(b.Min.X, w.X), Math.Min(b.Min.Y, w.Y), Math.Min(b.Min.Z, w.Z)), new Vector3D(Math.Max(b.Max.X, w.X), Math.Max(b.Max.Y, w.Y), Math.Max(b.Max.Z, w.Z)))
                        : (w, w);
                }
            }
        }
    }

    public NoduleLocation Locate(NoduleSegmentation segmentation, double juxtavascularScore)
    {
        var m = segmentation.Measurement;
        var c = m.Centroid;
        byte label = NearestLabel(c);
        string lung = label == LungSegmentation.RightLung ? "right" : label == LungSegmentation.LeftLung ? "left" : "unknown";
        double? distance = EdgeDistance(c);
        double radius = m.EquivalentDiameterMm / 2;
        bool? juxtapleural = distance is null ? null : distance.Value - radius <= 1.5 || segmentation.SurroundingLungFraction < 0.7;
        if (label == 0 || !boxes.TryGetValue(label, out var box))
        {
            return new NoduleLocation(lung, null, null, distance, juxtapleural, juxtavascularScore >= 0.5);
        }

        // LPS: +Z is superior, +Y is posterior.
        double height = (c.Z - box.Min.Z) / Math.Max(box.Max.Z - box.Min.Z, 1);
        double back = (c.Y - box.Min.Y) / Math.Max(box.Max.Y - box.Min.Y, 1);
        double obliqueHeight = 0.1 + (0.6 * Math.Clamp(back / 0.67, 0, 1.2));
        bool belowOblique = height < obliqueHeight;
        string lobe;
        if (label == LungSegmentation.RightLung)
        {
            lobe = belowOblique ? "right lower" : height < 0.55 ? "right middle" : "right upper";
        }
        else
        {
            lobe = belowOblique ? "left lower" : height < 0.5 && back < 0.5 ? "lingula" : "left upper";
        }

        return new NoduleLocation(lung, lobe, lobe is "right upper" or "left upper", distance, juxtapleural, juxtavascularScore >= 0.5);
    }

    private byte NearestLabel(Vector3D world)
    {
        byte label = lungs.Labels.At(world);
        if (label != 0)
        {
            return label;
        }

        // A juxtapleural nodule's centre may sit just outside the mask: take the label of the nearest lung voxel within 10 mm.
        var g = lungs.Labels.Grid;
        var v = g.WorldToVoxel(world);
        int reach = (int)Math.Ceiling(10 / Math.Min(g.Spacing.X, Math.Min(g.Spacing.Y, g.Spacing.Z)));
        double best = double.MaxValue;
        for (int dz = -reach; dz <= reach; dz++)
        {
            for (int dy = -reach; dy <= reach; dy++)
            {
                for (int dx = -reach; dx <= reach; dx++)
                {
                    int x = (int)Math.Round(v.X) + dx, y = (int)Math.Round(v.Y) + dy, z = (int)Math.Round(v.Z) + dz;
                    if (!g.Contains(x, y, z) || lungs.Labels[x, y, z] == 0)
                    {
                        continue;
                    }

                    double d = (g.VoxelToWorld(x, y, z) - world).Length;
                    if (d < best && d <= 10)
                    {
                        best = d;
                        label = lungs.Labels[x, y, z];
                    }
                }
            }
        }

        return label;
    }

    private double? EdgeDistance(Vector3D world)
    {
        var g = lungs.Labels.Grid;
        var v = g.WorldToVoxel(world);
        int x = (int)Math.Round(v.X), y = (int)Math.Round(v.Y), z = (int)Math.Round(v.Z);
        return g.Contains(x, y, z) ? Math.Sqrt(edgeDistanceSquared[g.Index(x, y, z)]) : null;
    }
}
