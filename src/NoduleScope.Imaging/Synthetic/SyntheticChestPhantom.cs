namespace NoduleScope.Imaging.Synthetic;

/// <summary>
/// A small, plausible axial chest CT made from simple shapes: air, a body ellipse of soft tissue under a thin fat layer,
/// two lungs that narrow towards both ends, a vertebral body, a table below the patient and a few spherical nodules
/// (solid and one ground-glass), with Gaussian noise. The same arguments always give the same voxels.
/// </summary>
public static class SyntheticChestPhantom
{
    public const short AirHu = -1000;
    public const short FatHu = -100;
    public const short SoftTissueHu = 40;
    public const short LungHu = -850;
    public const short BoneHu = 700;
    public const short TableHu = 150;
    public const short SolidNoduleHu = 40;
    public const short GroundGlassNoduleHu = -600;

    private const int GaussianTableBits = 16;

    private static readonly (double DiameterMm, bool GroundGlass)[] NoduleSizes = [(6, false), (8, false), (12, false), (10, true)];

    /// <summary>Standard normal samples drawn once; voxels pick from them with a cheap generator (far faster than
    /// Box–Muller per voxel, and still deterministic).</summary>
    private static readonly Lazy<float[]> GaussianTable = new(CreateGaussianTable);

    /// <summary>A phantom of size × size × slices voxels with isotropic <paramref name="spacingMm"/>, centred on the world origin.</summary>
    public static CtVolume Create(int size, int slices, double spacingMm, int seed)
    {
        Validate(size, slices, spacingMm);
        var volume = CreateGeometry(size, slices, spacingMm);
        var layout = new ChestPhantomLayout(size, slices);
        var nodules = PlaceNodules(layout, seed);
        Parallel.For(0, slices, z => FillSlice(volume, layout, nodules, z, seed));
        return volume;
    }

    /// <summary>The nodules <see cref="Create"/> puts in the phantom made with the same arguments.</summary>
    public static IReadOnlyList<SyntheticNodule> Nodules(int size, int slices, double spacingMm, int seed)
    {
        Validate(size, slices, spacingMm);
        var volume = CreateGeometry(size, slices, spacingMm);
        var nodules = PlaceNodules(new ChestPhantomLayout(size, slices), seed);
        var result = new List<SyntheticNodule>(nodules.Length);
        foreach (var n in nodules)
        {
            result.Add(new SyntheticNodule(volume.VoxelToWorld(n.X, n.Y, n.Z), n.RadiusMm * 2, n.Hounsfield, n.Hounsfield == GroundGlassNoduleHu));
        }

        return result;
    }

    private static void Validate(int size, int slices, double spacingMm)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 16);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slices);
        if (!(spacingMm > 0) || double.IsInfinity(spacingMm))
        {
            throw new ArgumentOutOfRangeException(nameof(spacingMm), spacingMm, "spacing must be a positive number of mm");
        }
    }

    private static CtVolume CreateGeometry(int size, int slices, double spacingMm)
    {
        double half = (size - 1) / 2.0 * spacingMm;
        var origin = new Vector3D(-half, -half, -(slices - 1) / 2.0 * spacingMm);
        return CtVolume.CreateAxial(size, size, slices, new Vector3D(spacingMm, spacingMm, spacingMm), origin);
    }

    private static PhantomNodule[] PlaceNodules(ChestPhantomLayout layout, int seed)
    {
        var random = new Random(seed);
        var nodules = new PhantomNodule[NoduleSizes.Length];
        for (int i = 0; i < nodules.Length; i++)
        {
            // Each nodule gets its own lung, quadrant and height band so that they never touch.
            double lungX = i % 2 == 0 ? layout.LeftLungX : layout.RightLungX;
            double angle = ((i / 2) * Math.PI) + ((0.25 + (0.5 * random.NextDouble())) * Math.PI);
            double radial = 0.2 + (0.3 * random.NextDouble());
            double heightFraction = 0.3 + (0.1 * i) + (0.05 * random.NextDouble());
            var (diameter, groundGlass) = NoduleSizes[i];
            nodules[i] = new PhantomNodule(
                lungX + (radial * layout.LungRadiusX * Math.Cos(angle)),
                layout.LungY + (radial * layout.LungRadiusY * Math.Sin(angle)),
                heightFraction * (layout.Slices - 1),
                diameter / 2,
                groundGlass ? GroundGlassNoduleHu : SolidNoduleHu);
        }

        return nodules;
    }

    private static void FillSlice(CtVolume volume, ChestPhantomLayout layout, PhantomNodule[] nodules, int z, int seed)
    {
        float[] gaussian = GaussianTable.Value;
        uint state = unchecked((uint)((seed * 7919) + (z * 104729) + 1)) | 1;
        var slice = volume.Slice(z);
        double spacing = volume.Spacing.X;
        double lungScale = layout.LungScale(z);
        double lungRx = layout.LungRadiusX * lungScale;
        double lungRy = layout.LungRadiusY * lungScale;
        var inSlice = Array.FindAll(nodules, n => Math.Abs(z - n.Z) * spacing <= n.RadiusMm);
        for (int y = 0; y < layout.Size; y++)
        {
            double by = (y - layout.BodyY) / layout.BodyRadiusY;
            bool tableRow = y >= layout.TableTop && y < layout.TableTop + layout.TableThickness;
            for (int x = 0; x < layout.Size; x++)
            {
                double bx = (x - layout.Centre) / layout.BodyRadiusX;
                double body = (bx * bx) + (by * by);
                short hu = AirHu;
                float sigma = 8;
                if (body <= 1)
                {
                    (hu, sigma) = body > 0.85 ? (FatHu, 15f) : (SoftTissueHu, 15f);
                    if (InEllipse(x - layout.LeftLungX, y - layout.LungY, lungRx, lungRy) || InEllipse(x - layout.RightLungX, y - layout.LungY, lungRx, lungRy))
                    {
                        (hu, sigma) = (LungHu, 30f);
                    }
                    else if (InEllipse(x - layout.Centre, y - layout.SpineY, layout.SpineRadius, layout.SpineRadius))
                    {
                        (hu, sigma) = (BoneHu, 40f);
                    }

                    foreach (var n in inSlice)
                    {
                        double dx = (x - n.X) * spacing, dy = (y - n.Y) * spacing, dz = (z - n.Z) * spacing;
                        if ((dx * dx) + (dy * dy) + (dz * dz) <= n.RadiusMm * n.RadiusMm)
                        {
                            (hu, sigma) = (n.Hounsfield, n.Hounsfield == GroundGlassNoduleHu ? 30f : 15f);
                        }
                    }
                }
                else if (tableRow && Math.Abs(x - layout.Centre) <= layout.TableHalfWidth)
                {
                    (hu, sigma) = (TableHu, 10f);
                }

                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                float value = hu + (sigma * gaussian[state >> (32 - GaussianTableBits)]);
                slice[(y * layout.Size) + x] = (short)Math.Clamp(MathF.Round(value), -1024f, 3071f);
            }
        }
    }

    private static bool InEllipse(double dx, double dy, double rx, double ry) => ((dx * dx) / (rx * rx)) + ((dy * dy) / (ry * ry)) <= 1;

    private static float[] CreateGaussianTable()
    {
        var random = new Random(12345);
        var table = new float[1 << GaussianTableBits];
        for (int i = 0; i < table.Length; i++)
        {
            double u1 = 1.0 - random.NextDouble();
            double u2 = random.NextDouble();
            table[i] = (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
        }

        return table;
    }
}
