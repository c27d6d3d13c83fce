using System.Globalization;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Detection.Synthesis;
using NoduleScope.Imaging;
using NoduleScope.Imaging.IO;

namespace NoduleScope.Benchmarks;

/// <summary>
/// Segments every LIDC nodule crop at its LUNA16 centre and compares with the radiologists: mean diameter against
/// LUNA16 diameter_mm (mean absolute error) and the mask against the consensus mask (Dice). Reports the held-out part
/// and the tuning part separately.
/// </summary>
public static class LidcMeasurementBenchmark
{
    /// <param name="args"><c>--tuning</c>: segment the tuning part only (for choosing parameters without reading the
    /// held-out part).</param>
    public static int Run(string dataFolder, string[] args)
    {
        bool tuningOnly = args.Contains("--tuning");
        string csv = Path.Combine(dataFolder, "nodules.csv");
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        int pid = Col("patient_id"), nid = Col("nodule_id"), cx = Col("coordX"), cy = Col("coordY"), cz = Col("coordZ"), dm = Col("diameter_mm");
        var results = new List<(bool HeldOut, double Diameter, double Measured, double Equivalent, double Dice, bool Found)>();
        var segmenter = new NoduleSegmenter(OptionsFrom(args));
        foreach (string line in lines.Skip(1))
        {
            var f = line.Split(',');
            bool heldOut = LidcSplit.IsHeldOut(f[pid]);
            if (heldOut && tuningOnly)
            {
                continue;
            }

            string name = $"{f[pid]}_R_{f[nid]}.nii.gz";
            var image = NiftiReader.Read(Path.Combine(dataFolder, "image", name));
            var mask = NiftiReader.ReadMask(Path.Combine(dataFolder, "mask", name));
            var center = new Vector3D(D(f[cx]), D(f[cy]), D(f[cz]));
            double diameter = D(f[dm]);
            var result = segmenter.Segment(image, center, diameter / 2);
            if (result is null)
            {
                results.Add((heldOut, diameter, 0, 0, 0, false));
                continue;
            }

            results.Add((heldOut, diameter, result.Measurement.MeanDiameterMm, result.Measurement.EquivalentDiameterMm, Dice(result, mask), true));
        }

        foreach (bool heldOut in tuningOnly ? new[] { false } : new[] { true, false })
        {
            var part = results.Where(r => r.HeldOut == heldOut).ToList();
            var errors = part.Select(r => Math.Abs(r.Measured - r.Diameter)).ToList();
            var dice = part.Select(r => r.Dice).OrderBy(d => d).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(heldOut ? "held-out" : "tuning  ")}: {part.Count} nodules ({part.Select(p => p.Found).Count(b => !b)} not segmented), mean diameter MAE {errors.Average():0.00} mm (median {Median(errors):0.00}, bias {part.Average(r => r.Measured - r.Diameter):+0.00;-0.00} mm), Dice median {Median(dice):0.000}, mean {dice.Average():0.000}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  for reference, equivalent-sphere diameter of the mask: MAE {part.Average(r => Math.Abs(r.Equivalent - r.Diameter)):0.00} mm, bias {part.Average(r => r.Equivalent - r.Diameter):+0.00;-0.00} mm"));
            foreach (var (from, to) in SizeBins)
            {
                var bin = part.Where(r => r.Diameter >= from && r.Diameter < to).ToList();
                if (bin.Count > 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {from,2:0}-{to,3:0} mm: {bin.Count,3} nodules, MAE {bin.Average(r => Math.Abs(r.Measured - r.Diameter)):0.00} mm, bias {bin.Average(r => r.Measured - r.Diameter):+0.00;-0.00} mm, Dice median {Median(bin.Select(r => r.Dice).ToList()):0.000}"));
                }
            }
        }

        return 0;
    }

    /// <summary>Segmenter options from <c>Name=value</c> arguments (for trying variants on the tuning part).</summary>
    private static NoduleSegmenterOptions OptionsFrom(string[] args)
    {
        var options = new NoduleSegmenterOptions();
        foreach (string arg in args.Where(a => a.Contains('=', StringComparison.Ordinal)))
        {
            var (name, value) = (arg[..arg.IndexOf('=', StringComparison.Ordinal)], arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            var property = typeof(NoduleSegmenterOptions).GetProperty(name) ?? throw new ArgumentException($"no segmenter option {name}");
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            property.SetValue(options, Convert.ChangeType(value, type, CultureInfo.InvariantCulture));
            Console.WriteLine($"{name} = {value}");
        }

        return options;
    }

    private static readonly (double From, double To)[] SizeBins = [(0, 6), (6, 10), (10, 20), (20, 100)];

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static double Median(List<double> values)
    {
        var v = values.OrderBy(x => x).ToList();
        return v.Count == 0 ? double.NaN : v.Count % 2 == 1 ? v[v.Count / 2] : (v[(v.Count / 2) - 1] + v[v.Count / 2]) / 2;
    }

    /// <summary>Dice of our outline (on a crop of the image grid) against the reference mask on the full crop grid.</summary>
    private static double Dice(NoduleSegmentation ours, CtVolume reference)
    {
        var g = ours.Outline.Grid;
        long both = 0, mine = 0, theirs = 0;
        var offset = reference.WorldToVoxel(g.Origin);
        int ox = (int)Math.Round(offset.X), oy = (int)Math.Round(offset.Y), oz = (int)Math.Round(offset.Z);
        foreach (short v in reference.Voxels)
        {
            theirs += v != 0 ? 1 : 0;
        }

        for (int z = 0; z < g.SizeZ; z++)
        {
            for (int y = 0; y < g.SizeY; y++)
            {
                for (int x = 0; x < g.SizeX; x++)
                {
                    if (ours.Outline.Data[g.Index(x, y, z)] == 0)
                    {
                        continue;
                    }

                    mine++;
                    if (reference.Contains(x + ox, y + oy, z + oz) && reference[x + ox, y + oy, z + oz] != 0)
                    {
                        both++;
                    }
                }
            }
        }

        return mine + theirs == 0 ? 0 : 2.0 * both / (mine + theirs);
    }
}
