using System.Globalization;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Detection.Synthesis;
using NoduleScope.Imaging;
using NoduleScope.Imaging.IO;

namespace NoduleScope.Clinical.Characterization;

/// <summary>
/// Reads ../shared/data/lidc-vois (nodules.csv, image/, mask/): every nodule is segmented by our own segmenter from its
/// LUNA16 centre alone (<see cref="NoduleSegmenter.SegmentAt"/>; the size is not given to it) and described by
/// <see cref="NoduleImageFeatures"/>, next to the radiologists' ratings. Split by patient with <see cref="LidcSplit"/>.
/// </summary>
public static class LidcCharacterizationData
{
    public static IReadOnlyList<LidcCharacterizationSample> Load(string folder, Action<int, int>? progress = null)
    {
        var lines = File.ReadAllLines(Path.Combine(folder, "nodules.csv"));
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name) is >= 0 and var i ? i : throw new InvalidDataException($"nodules.csv has no {name} column");
        int pid = Col("patient_id"), nid = Col("nodule_id"), cx = Col("coordX"), cy = Col("coordY"), cz = Col("coordZ"), dm = Col("diameter_mm");
        int texture = Col("Texture_value"), calcification = Col("Calcification_value"), spiculation = Col("Spiculation_value"), diagnosis = Col("Diagnosis_value");
        int margin = Col("Margin_value");
        var samples = new LidcCharacterizationSample[lines.Length - 1];
        int done = 0;
        Parallel.For(1, lines.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, row =>
        {
            var f = lines[row].Split(',');
            string id = $"{f[pid]}_R_{f[nid]}";
            var image = NiftiReader.Read(Path.Combine(folder, "image", id + ".nii.gz"));
            var center = new Vector3D(D(f[cx]), D(f[cy]), D(f[cz]));
            var segmentation = new NoduleSegmenter().SegmentAt(image, center);
            var features = segmentation is null ? null : NoduleImageFeatureExtractor.Extract(image, segmentation);
            var edge = segmentation is null ? null : NoduleMarginAnalyzer.Analyze(image, segmentation);
            samples[row - 1] = new LidcCharacterizationSample(id, f[pid], LidcSplit.IsHeldOut(f[pid]), D(f[dm]), features,
                I(f[texture]), I(f[calcification]), I(f[spiculation]), I(f[diagnosis]) == 1, I(f[margin]), edge);
            progress?.Invoke(Interlocked.Increment(ref done), lines.Length - 1);
        });

        return samples;
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private static int I(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
