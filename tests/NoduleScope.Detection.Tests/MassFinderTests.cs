using System.Globalization;
using System.Xml.Linq;
using NoduleScope.Detection.Candidates;
using NoduleScope.Detection.Lungs;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Series;
using NoduleScope.TestSupport;

namespace NoduleScope.Detection.Tests;

public sealed class MassFinderTests
{
    private const double Spacing = 2;
    private const double MassRadiusMm = 20;
    private static readonly Vector3D MassCenter = new(70, 0, 0);
    private static readonly Lazy<CtVolume> Chest = new(CreateChest);

    [Fact]
    public void AMassTouchingTheMediastinumInsideTheHullIsACandidateAndTheMediastinumIsNot()
    {
        var volume = Chest.Value;
        var lungs = new LungSegmenter().Segment(volume);
        Assert.NotEqual(0, lungs.Hull.At(new Vector3D(32, 0, 0)));

        var candidates = new CandidateGenerator().Generate(volume, lungs);

        var masses = candidates.Where(c => c.Source == CandidateSource.Mass).ToList();
        var mass = Assert.Single(masses);
        Assert.True((mass.Center - MassCenter).Length < 6, $"mass candidate at {mass.Center}");
        Assert.InRange(mass.RadiusMm, MassRadiusMm * 0.75, MassRadiusMm * 1.4);
        Assert.NotNull(mass.Extent);
        Assert.DoesNotContain(candidates, c => c.Source != CandidateSource.Blob && InBlock(c.Center));
    }

    [Fact]
    public void TheDetectorReportsTheMassWithItsSizeAndNothingInTheMediastinum()
    {
        var result = new NoduleDetector().Detect(Chest.Value);

        var hit = result.Findings.FirstOrDefault(f => (f.Center - MassCenter).Length < MassRadiusMm / 2);
        Assert.True(hit is not null, "the 40 mm mass is not a finding: " + string.Join("; ", result.Findings.Select(f => f.Center)));
        Assert.InRange(hit.Measurement.LongAxisMm, 36, 48);
        Assert.InRange(hit.Measurement.ShortAxisMm, 34, 46);
        Assert.DoesNotContain(result.Findings, f => InBlock(f.Center));
    }

    /// <summary>
    /// The acceptance case of the mass finder: the Lung-PET-CT-Dx A0001 tumour, a ~6 cm left lower lobe mass that
    /// touches the mediastinum, must be a finding inside the collection's own boxes (PASCAL-VOC XML per slice, named by
    /// the slice's SOP Instance UID; the boxes of the other reconstruction, which shares the z grid, are not here).
    /// </summary>
    [Fact]
    public void FindsTheBoxedLungPetCtDxTumour()
    {
        string folder = SharedData.Require("data/ct/lung-pet-ct-dx/A0001-5mm");
        string boxes = SharedData.Require("data/ct/lung-pet-ct-dx/boxes/A0001");
        var scan = new DicomInputScanner().Scan(folder);
        var volume = new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { PaddingToAir = true }).Assemble(SeriesSelector.Select(scan.Series).Chosen!).Volume;
        var (min, max) = TumourBox(volume, boxes);

        var result = new NoduleDetector().Detect(volume);

        var inside = result.Findings.Where(f => Inside(f.Center, min, max)).ToList();
        Assert.True(inside.Count > 0, $"no finding inside the box {min}..{max}: " + string.Join("; ", result.Findings.Select(f => f.Center)));
        var m = inside[0].Measurement;
        double longestSide = Math.Max(max.X - min.X, max.Y - min.Y);
        Assert.InRange(m.LongAxisMm, 0.6 * longestSide, 1.3 * longestSide);
        Assert.DoesNotContain(result.Findings, f => !Inside(f.Center, min, max));
    }

    /// <summary>World LPS corners of the union of the boxes drawn on this series' slices.</summary>
    private static (Vector3D Min, Vector3D Max) TumourBox(CtVolume volume, string folder)
    {
        var slices = volume.Source.SopInstanceUids;
        double x0 = double.MaxValue, y0 = double.MaxValue, z0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue, z1 = double.MinValue;
        int found = 0;
        foreach (string file in Directory.GetFiles(folder, "*.xml"))
        {
            int z = IndexOf(slices, Path.GetFileNameWithoutExtension(file));
            if (z < 0)
            {
                continue;
            }

            var box = XDocument.Load(file).Descendants("bndbox").Single();
            double Value(string name) => double.Parse(box.Element(name)!.Value, CultureInfo.InvariantCulture);
            var a = volume.VoxelToWorld(Value("xmin"), Value("ymin"), z);
            var b = volume.VoxelToWorld(Value("xmax"), Value("ymax"), z);
            (x0, x1) = (Math.Min(x0, Math.Min(a.X, b.X)), Math.Max(x1, Math.Max(a.X, b.X)));
            (y0, y1) = (Math.Min(y0, Math.Min(a.Y, b.Y)), Math.Max(y1, Math.Max(a.Y, b.Y)));
            (z0, z1) = (Math.Min(z0, a.Z), Math.Max(z1, a.Z));
            found++;
        }

        Assert.True(found > 0, "no box belongs to a slice of this series");
        double halfSlice = volume.Spacing.Z / 2;
        return (new Vector3D(x0, y0, z0 - halfSlice), new Vector3D(x1, y1, z1 + halfSlice));
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Inside(Vector3D p, Vector3D min, Vector3D max) =>
        p.X >= min.X && p.X <= max.X && p.Y >= min.Y && p.Y <= max.Y && p.Z >= min.Z && p.Z <= max.Z;

    /// <summary>The mediastinal block carved into the left lung (x 15–50 mm, |y| ≤ 30 mm).</summary>
    private static bool InBlock(Vector3D p) => p.X is > 15 and < 50 && Math.Abs(p.Y) < 30;

    /// <summary>
    /// 2 mm voxels: a soft-tissue body ellipse with two elliptic lungs (z −60…60 mm), the left one notched by a block of
    /// soft tissue that runs the lungs' whole height from the mediastinum (so the left lung's hull holds it, as it holds
    /// the heart or the aorta in a real CT), and a solid 40 mm sphere in the left lung touching the block.
    /// </summary>
    private static CtVolume CreateChest()
    {
        var volume = CtVolume.CreateAxial(150, 110, 80, new Vector3D(Spacing, Spacing, Spacing), new Vector3D(-149, -109, -79));
        for (int z = 0; z < volume.SizeZ; z++)
        {
            for (int y = 0; y < volume.SizeY; y++)
            {
                for (int x = 0; x < volume.SizeX; x++)
                {
                    var p = volume.VoxelToWorld(x, y, z);
                    short hu = -1000;
                    if (Sq(p.X / 140) + Sq(p.Y / 100) <= 1)
                    {
                        hu = 40;
                        bool lung = Math.Abs(p.Z) <= 60 && Sq((Math.Abs(p.X) - 70) / 55) + Sq(p.Y / 75) <= 1;
                        if (lung && !InBlock(p))
                        {
                            hu = -850;
                        }

                        if ((p - MassCenter).Length <= MassRadiusMm)
                        {
                            hu = 30;
                        }
                    }

                    volume[x, y, z] = hu;
                }
            }
        }

        return volume;
    }

    private static double Sq(double v) => v * v;
}
