using System.Diagnostics;
using System.Globalization;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Synthesis;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Series;
using NoduleScope.TestSupport;

namespace NoduleScope.Detection.Tests.Synthesis;

/// <summary>Held-out LIDC nodules inserted into the 5 mm lung-pet-ct-dx chest CT (the quickest real scan to load).</summary>
public sealed class RealCtInsertionTests
{
    private const int Seed = 7;

    private static readonly Lazy<Scene> Shared = new(LoadScene);

    private sealed record Scene(CtVolume Background, LungSegmentation Lungs, IReadOnlyList<LidcNodule> Nodules, InsertionCase Case, double MillisecondsPerNodule);

    private static Scene LoadScene()
    {
        string ct = SharedData.Require("data/ct/lung-pet-ct-dx/A0001-5mm");
        string vois = SharedData.Require("data/lidc-vois");
        var scan = new DicomInputScanner().Scan(ct);
        var background = new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { PaddingToAir = true }).Assemble(SeriesSelector.Select(scan.Series).Chosen!).Volume;
        var lungs = new LungSegmenter().Segment(background);
        var nodules = LidcNoduleLibrary.Load(vois).Select(LidcSplitPart.HeldOut).Take(5).ToList();
        var watch = Stopwatch.StartNew();
        var result = new LesionInserter().Insert(background, lungs, nodules, LesionPlacement.All, Seed);
        return new Scene(background, lungs, nodules, result, watch.Elapsed.TotalMilliseconds / nodules.Count);
    }

    [Fact]
    public void InsertsHeldOutNodulesInsideTheLungsWithNoduleDensityAndLeavesFarVoxelsAlone()
    {
        var scene = Shared.Value;
        var result = scene.Case;
        TestContext.Current.TestOutputHelper?.WriteLine($"insertion: {scene.MillisecondsPerNodule:0} ms per nodule; {string.Join("; ", result.Warnings)}");
        Assert.Equal(5, result.Nodules.Count);
        Assert.All(scene.Nodules, n => Assert.True(LidcSplit.IsHeldOut(n.PatientId)));
        var kinds = new HashSet<LesionPlacement>();
        foreach (var n in result.Nodules)
        {
            kinds.Add(n.Placement);
            Assert.NotEqual(0, scene.Lungs.LungAt(n.Center));
            var v = scene.Background.WorldToVoxel(n.Center);
            short hu = result.Volume[(int)Math.Round(v.X), (int)Math.Round(v.Y), (int)Math.Round(v.Z)];
            if (n.IsSolid)
            {
                // Small nodules from 2.5 mm LIDC slices are partial-volumed in their own crop (LIDC-IDRI-0040_R_2 peaks
                // at -120 HU there); they cannot come out denser than they went in.
                short core = MaxWithin(result.Volume, n.Center, Math.Min(2, n.DiameterMm / 4));
                var source = scene.Nodules.First(s => s.SourceId == n.SourceId);
                double floor = Math.Min(-300, CropPeakHu(source) - 250);
                Assert.True(core > floor, $"{n.SourceId}: {hu} HU at the centre, {core} HU at most in the core, expected > {floor}");
            }

            Assert.True(hu > scene.Background[(int)Math.Round(v.X), (int)Math.Round(v.Y), (int)Math.Round(v.Z)], $"{n.SourceId}: centre did not get denser");
        }

        Assert.Equal(3, kinds.Count);
        var bg = scene.Background;
        long changedFar = 0;
        for (int z = 0; z < bg.SizeZ; z++)
        {
            for (int y = 0; y < bg.SizeY; y++)
            {
                for (int x = 0; x < bg.SizeX; x++)
                {
                    if (bg[x, y, z] != result.Volume[x, y, z] && FarFromAll(bg.VoxelToWorld(x, y, z), result.Nodules))
                    {
                        changedFar++;
                    }
                }
            }
        }

        Assert.Equal(0, changedFar);
    }

    [Fact]
    public void SameSeedGivesTheSameVolume()
    {
        var scene = Shared.Value;
        var again = new LesionInserter().Insert(scene.Background, scene.Lungs, scene.Nodules, LesionPlacement.All, Seed);
        Assert.Equal(scene.Case.Volume.Voxels, again.Volume.Voxels);
        Assert.Equal(scene.Case.Nodules, again.Nodules);
    }

    [Fact]
    public void HonoursEachPlacementKind()
    {
        var scene = Shared.Value;
        var inserter = new LesionInserter();
        var pleural = inserter.Insert(scene.Background, scene.Lungs, scene.Nodules, LesionPlacement.Juxtapleural, 3);
        Assert.Equal(5, pleural.Nodules.Count);
        foreach (var n in pleural.Nodules)
        {
            Assert.Equal(LesionPlacement.Juxtapleural, n.Placement);
            double pleura = DistanceToLungBoundary(scene.Lungs, n.Center);
            Assert.True(pleura <= (n.DiameterMm / 2) + 2, $"{n.SourceId}: {pleura:0.0} mm from the pleura, radius {n.DiameterMm / 2:0.0}");
        }

        var parenchyma = inserter.Insert(scene.Background, scene.Lungs, scene.Nodules, LesionPlacement.Parenchyma, 3);
        Assert.Equal(5, parenchyma.Nodules.Count);
        foreach (var n in parenchyma.Nodules)
        {
            Assert.Equal(LesionPlacement.Parenchyma, n.Placement);
            Assert.True(DistanceToLungBoundary(scene.Lungs, n.Center) >= (n.DiameterMm / 2) + 4, n.SourceId);
        }

        var vascular = inserter.Insert(scene.Background, scene.Lungs, scene.Nodules, LesionPlacement.Juxtavascular, 3);
        Assert.Equal(5, vascular.Nodules.Count);
        foreach (var n in vascular.Nodules)
        {
            Assert.Equal(LesionPlacement.Juxtavascular, n.Placement);
            Assert.True(HasDenseVoxelNear(scene.Background, n.Center, n.DiameterMm / 2, (n.DiameterMm / 2) + 4), n.SourceId);
        }
    }

    [Fact]
    public void WrittenSeriesAndAnnotationsMapBackToTheNodules()
    {
        var scene = Shared.Value;
        string folder = Path.Combine(Path.GetTempPath(), "nodulescope-synth-" + Guid.NewGuid().ToString("N"));
        try
        {
            string annotations = Path.Combine(folder, "annotations.csv");
            var written = InsertionCaseWriter.Write(scene.Case, folder, "case-001", Seed, annotations, "A0001-5mm");
            string[] lines = File.ReadAllLines(annotations);
            Assert.Equal(InsertionCaseWriter.AnnotationsHeader, lines[0]);
            Assert.Equal(scene.Case.Nodules.Count + 1, lines.Length);
            Assert.True(File.Exists(written.SidecarPath));
            Assert.Contains("juxtapleural", File.ReadAllText(written.SidecarPath), StringComparison.Ordinal);

            var scan = new DicomInputScanner().Scan(written.SeriesFolder);
            var series = Assert.Single(scan.Series);
            Assert.Equal(written.SeriesInstanceUid, series.SeriesInstanceUid);
            var reread = new SeriesAssembler(DicomCodecs.Default).Assemble(series).Volume;
            for (int i = 1; i < lines.Length; i++)
            {
                string[] f = lines[i].Split(',');
                Assert.Equal(written.SeriesInstanceUid, f[0]);
                var world = new Vector3D(double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture));
                var nodule = scene.Case.Nodules[i - 1];
                Assert.Equal(nodule.DiameterMm, double.Parse(f[4], CultureInfo.InvariantCulture), 3);
                var v = reread.WorldToVoxel(world);
                int x = (int)Math.Round(v.X), y = (int)Math.Round(v.Y), z = (int)Math.Round(v.Z);
                Assert.True(reread.Contains(x, y, z));
                var expected = scene.Case.Volume.WorldToVoxel(nodule.Center);
                Assert.Equal(scene.Case.Volume[(int)Math.Round(expected.X), (int)Math.Round(expected.Y), (int)Math.Round(expected.Z)], reread[x, y, z]);
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>Densest HU of the nodule in its own crop where the feathered mask is nearly full.</summary>
    private static double CropPeakHu(LidcNodule nodule)
    {
        var template = NoduleTemplate.Create(nodule.Crop, nodule.Mask);
        float max = float.MinValue;
        for (int i = 0; i < template.Delta.Length; i++)
        {
            if (template.Weight[i] > 0.9f)
            {
                max = Math.Max(max, template.Delta[i]);
            }
        }

        return template.LocalLungHu + max;
    }

    private static short MaxWithin(CtVolume volume, Vector3D centre, double radiusMm)
    {
        var c = volume.WorldToVoxel(centre);
        int rx = (int)Math.Ceiling(radiusMm / volume.Spacing.X), ry = (int)Math.Ceiling(radiusMm / volume.Spacing.Y), rz = (int)Math.Ceiling(radiusMm / volume.Spacing.Z);
        short max = short.MinValue;
        for (int z = (int)Math.Round(c.Z) - rz; z <= (int)Math.Round(c.Z) + rz; z++)
        {
            for (int y = (int)Math.Round(c.Y) - ry; y <= (int)Math.Round(c.Y) + ry; y++)
            {
                for (int x = (int)Math.Round(c.X) - rx; x <= (int)Math.Round(c.X) + rx; x++)
                {
                    if (volume.Contains(x, y, z) && (volume.VoxelToWorld(x, y, z) - centre).Length <= radiusMm)
                    {
                        max = Math.Max(max, volume[x, y, z]);
                    }
                }
            }
        }

        return max;
    }

    private static bool FarFromAll(Vector3D world, IReadOnlyList<InsertedNodule> nodules)
    {
        foreach (var n in nodules)
        {
            if ((world - n.Center).Length <= Math.Max(2 * n.DiameterMm, n.ExtentRadiusMm))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Shortest distance from <paramref name="centre"/> to a point outside the lung mask, marching 400 rays.</summary>
    private static double DistanceToLungBoundary(LungSegmentation lungs, Vector3D centre)
    {
        const int Rays = 400;
        double best = double.MaxValue;
        double golden = Math.PI * (3 - Math.Sqrt(5));
        for (int i = 0; i < Rays; i++)
        {
            double y = 1 - (2 * (i + 0.5) / Rays), r = Math.Sqrt(1 - (y * y)), phi = golden * i;
            var direction = new Vector3D(r * Math.Cos(phi), y, r * Math.Sin(phi));
            for (double t = 0; t < Math.Min(best, 60); t += 0.25)
            {
                if (lungs.LungAt(centre + (direction * t)) == 0)
                {
                    best = t;
                    break;
                }
            }
        }

        return best;
    }

    private static bool HasDenseVoxelNear(CtVolume background, Vector3D centre, double fromMm, double toMm)
    {
        var c = background.WorldToVoxel(centre);
        int rx = (int)Math.Ceiling(toMm / background.Spacing.X), ry = (int)Math.Ceiling(toMm / background.Spacing.Y), rz = (int)Math.Ceiling(toMm / background.Spacing.Z);
        for (int z = (int)c.Z - rz; z <= (int)c.Z + rz; z++)
        {
            for (int y = (int)c.Y - ry; y <= (int)c.Y + ry; y++)
            {
                for (int x = (int)c.X - rx; x <= (int)c.X + rx; x++)
                {
                    if (!background.Contains(x, y, z) || background[x, y, z] <= -400)
                    {
                        continue;
                    }

                    double d = (background.VoxelToWorld(x, y, z) - centre).Length;
                    if (d >= fromMm && d <= toMm)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
