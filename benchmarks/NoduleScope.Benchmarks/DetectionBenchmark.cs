using System.Diagnostics;
using System.Globalization;
using NoduleScope.Detection;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Synthesis;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Series;
using NoduleScope.Reporting.Evaluation;

namespace NoduleScope.Benchmarks;

/// <summary>
/// Lesion-insertion detection benchmark: held-out LIDC nodules inserted into each real CT of ../shared/data/ct (two
/// seeds each), the full detector run on every case, and LUNA16 FROC/CPM computed against the inserted nodules.
/// Also reports candidate-stage recall and candidates per scan. Real nodules already in a background (the A0001
/// tumour) count as false positives here.
/// </summary>
public static class DetectionBenchmark
{
    private const int NodulesPerCase = 8;

    public static int Run(string shared, int seeds)
    {
        var library = LidcNoduleLibrary.Load(Path.Combine(shared, "data", "lidc-vois"));
        var pool = library.Select(LidcSplitPart.HeldOut);
        var backgrounds = new[] { "ricord-1a-419639/dicom", "tcga-de-a4ma-thorax/dicom", "lung-pet-ct-dx/A0001-5mm" };
        var annotations = new List<NoduleAnnotation>();
        var predictions = new List<CandidatePrediction>();
        var series = new List<string>();
        int recalled = 0, inserted = 0, candidates = 0;
        var detectSeconds = new List<double>();
        foreach (string name in backgrounds)
        {
            var scan = new DicomInputScanner().Scan(Path.Combine(shared, "data", "ct", name));
            var background = new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { PaddingToAir = true }).Assemble(SeriesSelector.Select(scan.Series).Chosen!).Volume;
            var lungs = new LungSegmenter().Segment(background);
            for (int seed = 1; seed <= seeds; seed++)
            {
                var random = new Random(seed * 7919);
                var chosen = pool.OrderBy(_ => random.Next()).Take(NodulesPerCase).ToList();
                var insertion = new LesionInserter().Insert(background, lungs, chosen, LesionPlacement.All, seed);
                string uid = $"{name}#{seed}";
                series.Add(uid);
                var watch = Stopwatch.StartNew();
                var result = new NoduleDetector().Detect(insertion.Volume);
                detectSeconds.Add(watch.Elapsed.TotalSeconds);
                candidates += result.Candidates.Count;
                foreach (var n in insertion.Nodules)
                {
                    annotations.Add(new NoduleAnnotation(uid, n.Center.X, n.Center.Y, n.Center.Z, n.DiameterMm));
                    inserted++;
                    foreach (var c in result.Candidates)
                    {
                        var p = c.Segmentation?.Measurement.Centroid ?? c.Candidate.Center;
                        if ((p - n.Center).Length < n.DiameterMm / 2)
                        {
                            recalled++;
                            break;
                        }
                    }
                }

                foreach (var c in result.Candidates)
                {
                    var p = c.Segmentation?.Measurement.Centroid ?? c.Candidate.Center;
                    predictions.Add(new CandidatePrediction(uid, p.X, p.Y, p.Z, c.Probability));
                }

                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{uid}: {insertion.Nodules.Count} inserted, {result.Candidates.Count} candidates, {result.Findings.Count} findings, {watch.Elapsed.TotalSeconds:0.0} s"));
            }
        }

        var evaluation = new FrocEvaluator(new FrocEvaluationOptions { OperatingThreshold = new NoduleDetectorOptions().Threshold, MaxCandidatesPerScan = 0 })
            .Evaluate(annotations, [], predictions, series);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{series.Count} scans, {inserted} inserted held-out nodules; candidate recall {recalled}/{inserted} = {recalled / (double)inserted:0.000}; {candidates / (double)series.Count:0} candidates per scan; detect {detectSeconds.Average():0.0} s per scan"));
        FrocTableWriter.WriteText(evaluation, Console.Out);
        return 0;
    }
}
