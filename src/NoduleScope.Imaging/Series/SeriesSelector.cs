using System.Globalization;

namespace NoduleScope.Imaging.Series;

/// <summary>
/// Chooses the series best suited to nodule detection: CT, axial, not a localizer or derived reformat, a consistent
/// volume, full lung coverage, the thinnest slices, and a lung/sharp kernel when thickness ties.
/// </summary>
public static class SeriesSelector
{
    private static readonly string[] SharpKernelWords = ["LUNG", "BONE", "SHARP", "DETAIL", "EDGE", "HIGH", "B60", "B70", "B80", "BL5", "BL6", "BR6", "I70", "FC5", "FC8", "YA", "YB"];

    public static SeriesSelection Select(IReadOnlyList<SeriesInfo> series, string? preferredSeriesUid = null)
    {
        var ranking = new List<SeriesCandidate>(series.Count);
        foreach (var s in series)
        {
            ranking.Add(Score(s));
        }

        ranking.Sort((a, b) => (b.Score ?? double.MinValue).CompareTo(a.Score ?? double.MinValue));
        if (preferredSeriesUid is not null)
        {
            var wanted = ranking.Find(c => c.Series.SeriesInstanceUid == preferredSeriesUid);
            return wanted is null
                ? new SeriesSelection(null, $"series {preferredSeriesUid} is not in the input", ranking)
                : new SeriesSelection(wanted.Series, "chosen by the user" + (wanted.Score is null ? $" (note: {wanted.Note})" : string.Empty), ranking);
        }

        if (ranking.Count == 0 || ranking[0].Score is null)
        {
            string why = ranking.Count == 0 ? "no DICOM image series found" : "no usable CT series: " + string.Join("; ", ranking.ConvertAll(c => $"{Label(c.Series)}: {c.Note}"));
            return new SeriesSelection(null, why, ranking);
        }

        return new SeriesSelection(ranking[0].Series, $"{Label(ranking[0].Series)}: {ranking[0].Note}", ranking);
    }

    public static bool IsSharpKernel(string kernel)
    {
        string k = kernel.ToUpperInvariant();
        foreach (string word in SharpKernelWords)
        {
            if (k.Contains(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static SeriesCandidate Score(SeriesInfo s)
    {
        if (!string.Equals(s.Modality, "CT", StringComparison.OrdinalIgnoreCase))
        {
            return new SeriesCandidate(s, null, $"modality {(s.Modality.Length == 0 ? "unknown" : s.Modality)}, not CT");
        }

        if (s.IsLocalizer)
        {
            return new SeriesCandidate(s, null, "localizer/scout");
        }

        var g = s.Geometry;
        if (g.Problem is not null)
        {
            return new SeriesCandidate(s, null, g.Problem);
        }

        if (g.SliceCount < 10)
        {
            return new SeriesCandidate(s, null, $"only {g.SliceCount} slice(s)");
        }

        double score = 0;
        var notes = new List<string>();
        if (g.IsAxial)
        {
            score += 100;
            notes.Add("axial CT");
        }
        else
        {
            notes.Add("not axial");
        }

        bool derived = s.First.ImageType.Count > 0 && string.Equals(s.First.ImageType[0], "DERIVED", StringComparison.OrdinalIgnoreCase);
        if (derived)
        {
            score -= 20;
            notes.Add("derived images");
        }

        score -= 10 * g.Spacing.Z;
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"{g.SliceCount} slices at {g.Spacing.Z:0.###} mm"));
        double coverage = g.CoverageMm;
        score += 30 * Math.Min(1, coverage / 200);
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"covers {coverage:0} mm"));
        if (coverage < 200)
        {
            notes.Add("may not cover both lungs");
        }

        if (s.ConvolutionKernel.Length > 0)
        {
            bool sharp = IsSharpKernel(s.ConvolutionKernel);
            score += sharp ? 15 : 0;
            notes.Add($"{(sharp ? "lung/sharp" : "soft")} kernel {s.ConvolutionKernel}");
        }

        if (s.TransferSyntax.IsLossy)
        {
            score -= 5;
            notes.Add("lossy compression");
        }

        score += s.Instances.Count * 1e-6;
        return new SeriesCandidate(s, score, string.Join(", ", notes));
    }

    private static string Label(SeriesInfo s) =>
        $"series {(s.SeriesNumber?.ToString(CultureInfo.InvariantCulture) ?? "?")}{(s.SeriesDescription.Length > 0 ? $" '{s.SeriesDescription}'" : string.Empty)}";
}
