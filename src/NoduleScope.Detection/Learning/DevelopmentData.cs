using System.Globalization;
using System.Xml.Linq;
using NoduleScope.Detection.Candidates;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Synthesis;
using NoduleScope.Imaging;

namespace NoduleScope.Detection.Learning;

/// <summary>
/// The development data in ../shared/data used to train and benchmark detection: the real chest CTs (backgrounds for
/// lesion insertion, with the Lung-PET-CT-Dx tumour boxes as real lesions) and the LIDC nodule crops.
/// </summary>
public static class DevelopmentData
{
    /// <summary>Background series, relative to data/ct, and the folder of their tumour boxes (relative to data/ct) if any.</summary>
    public static IReadOnlyList<(string Name, string Series, string? Boxes)> Backgrounds { get; } =
    [
        ("ricord-1a-419639", "ricord-1a-419639/dicom", null),
        ("tcga-de-a4ma-thorax", "tcga-de-a4ma-thorax/dicom", null),
        ("lung-pet-ct-dx-A0001", "lung-pet-ct-dx/A0001-5mm", "lung-pet-ct-dx/boxes/A0001"),
    ];

    /// <summary>Loads every background with <paramref name="loadSeries"/> (a DICOM folder → HU volume with padding as air).</summary>
    public static IReadOnlyList<TrainingBackground> LoadBackgrounds(string sharedFolder, Func<string, CtVolume> loadSeries)
    {
        var result = new List<TrainingBackground>();
        string ct = Path.Combine(sharedFolder, "data", "ct");
        foreach (var (name, series, boxes) in Backgrounds)
        {
            var volume = loadSeries(Path.Combine(ct, series));
            var lesions = boxes is null ? [] : TumourBoxes(Path.Combine(ct, boxes), volume);
            result.Add(CandidateDatasetBuilder.Background(name, volume, lesions));
        }

        return result;
    }

    /// <summary>
    /// Insertion scans of one split for every background — seeds 1..n for the tuning split, 101..100+n for the
    /// held-out split — followed by <paramref name="phantoms"/> synthetic phantoms (seeds 1..phantoms), with candidates
    /// and labels.
    /// </summary>
    /// <param name="generator">Candidate generation (by default the shipped settings and ranker).</param>
    /// <param name="backgroundFilter">Which backgrounds (by name) to use; all when null.</param>
    public static List<LabelledScan> BuildScans(
        string sharedFolder, Func<string, CtVolume> loadSeries, int seeds, int nodulesPerScan, int phantoms, LidcSplitPart part,
        Action<string, int, int>? progress = null, CandidateGeneratorOptions? generator = null, Func<string, bool>? backgroundFilter = null)
    {
        var builder = new CandidateDatasetBuilder(generator);
        var scans = new List<LabelledScan>();
        foreach (var scan in Cases(sharedFolder, loadSeries, seeds, nodulesPerScan, phantoms, part, progress, backgroundFilter))
        {
            scans.Add(builder.Label(scan));
        }

        return scans;
    }

    /// <summary>
    /// The training data of the blob ranker: for the same scans as <see cref="BuildScans"/> (same seeds, same nodules,
    /// same places), every candidate before suppression and the cap.
    /// </summary>
    public static List<RankerScan> BuildRankerScans(string sharedFolder, Func<string, CtVolume> loadSeries, int seeds, int nodulesPerScan, int phantoms, LidcSplitPart part, Action<string, int, int>? progress = null)
    {
        var generator = new CandidateGenerator(new CandidateGeneratorOptions { Ranker = null });
        var scans = new List<RankerScan>();
        foreach (var scan in Cases(sharedFolder, loadSeries, seeds, nodulesPerScan, phantoms, part, progress, null))
        {
            var maxima = generator.FindAll(scan.Volume, new LungSegmenter().Segment(scan.Volume));
            scans.Add(new RankerScan(scan.Name, scan.Background, maxima, scan.Nodules, scan.Excluded));
        }

        return scans;
    }

    /// <summary>The development scans, made one at a time (each holds a whole CT), with progress.</summary>
    private static IEnumerable<TrainingCase> Cases(
        string sharedFolder, Func<string, CtVolume> loadSeries, int seeds, int nodulesPerScan, int phantoms, LidcSplitPart part,
        Action<string, int, int>? progress, Func<string, bool>? backgroundFilter)
    {
        var pool = LidcNoduleLibrary.Load(Path.Combine(sharedFolder, "data", "lidc-vois")).Select(part);
        var backgrounds = LoadBackgrounds(sharedFolder, loadSeries).Where(b => backgroundFilter?.Invoke(b.Name) ?? true).ToList();
        int total = (backgrounds.Count * seeds) + phantoms, done = 0;
        int firstSeed = part == LidcSplitPart.Tuning ? 1 : 101;
        foreach (var background in backgrounds)
        {
            for (int seed = firstSeed; seed < firstSeed + seeds; seed++)
            {
                progress?.Invoke($"{background.Name} #{seed}", done, total);
                yield return CandidateDatasetBuilder.InsertionCase(background, pool, nodulesPerScan, seed);
                done++;
            }
        }

        for (int seed = 1; seed <= phantoms; seed++)
        {
            progress?.Invoke($"phantom #{seed}", done, total);
            yield return CandidateDatasetBuilder.PhantomCase(seed);
            done++;
        }

        progress?.Invoke("done", done, total);
    }

    /// <summary>
    /// The Lung-PET-CT-Dx boxes (one Pascal VOC file per annotated slice, named by its SOP Instance UID) as one lesion
    /// for the whole series: the sphere through the corners of the boxes' world extent.
    /// </summary>
    public static IReadOnlyList<LesionRegion> TumourBoxes(string folder, CtVolume volume)
    {
        var slices = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int z = 0; z < volume.Source.SopInstanceUids.Count; z++)
        {
            slices[volume.Source.SopInstanceUids[z]] = z;
        }

        var min = new Vector3D(double.MaxValue, double.MaxValue, double.MaxValue);
        var max = new Vector3D(double.MinValue, double.MinValue, double.MinValue);
        int found = 0;
        foreach (string file in Directory.GetFiles(folder, "*.xml"))
        {
            if (!slices.TryGetValue(Path.GetFileNameWithoutExtension(file), out int z))
            {
                continue;
            }

            foreach (var box in XDocument.Load(file).Descendants("bndbox"))
            {
                double x0 = Number(box, "xmin"), y0 = Number(box, "ymin"), x1 = Number(box, "xmax"), y1 = Number(box, "ymax");
                foreach (var corner in new[] { volume.VoxelToWorld(x0, y0, z), volume.VoxelToWorld(x1, y1, z) })
                {
                    min = new Vector3D(Math.Min(min.X, corner.X), Math.Min(min.Y, corner.Y), Math.Min(min.Z, corner.Z));
                    max = new Vector3D(Math.Max(max.X, corner.X), Math.Max(max.Y, corner.Y), Math.Max(max.Z, corner.Z));
                }

                found++;
            }
        }

        if (found == 0)
        {
            return [];
        }

        // The sphere through the box's corners: every candidate on the boxed tumour falls inside it.
        return [new LesionRegion((min + max) * 0.5, (max - min).Length) { Box = (min, max) }];
    }

    private static double Number(XElement box, string name) =>
        double.Parse(box.Element(name)?.Value ?? throw new InvalidDataException($"box without {name}"), CultureInfo.InvariantCulture);
}
