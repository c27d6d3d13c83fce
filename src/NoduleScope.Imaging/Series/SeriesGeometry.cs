using System.Globalization;

namespace NoduleScope.Imaging.Series;

/// <summary>
/// The geometry of a series worked out from its headers alone: slices sorted by ImagePositionPatient projected on the
/// slice normal (never by file name or InstanceNumber), spacing checked for gaps, unevenness and overlaps, gantry tilt,
/// localizers and mixed acquisitions reported. <see cref="Problem"/> is set when no consistent volume can be built.
/// </summary>
public sealed class SeriesGeometry
{
    private SeriesGeometry()
    {
    }

    internal IReadOnlyList<SliceRef> Slices { get; private init; } = [];

    public int SliceCount => Slices.Count;

    public int Rows { get; private init; }

    public int Columns { get; private init; }

    public Vector3D Origin { get; private init; }

    public Vector3D DirectionX { get; private init; }

    public Vector3D DirectionY { get; private init; }

    public Vector3D DirectionZ { get; private init; }

    public Vector3D Spacing { get; private init; }

    public double? SliceThickness { get; private init; }

    /// <summary>Angle in degrees between the slice normal and the stacking direction (gantry tilt).</summary>
    public double TiltDegrees { get; private init; }

    /// <summary>Why no volume can be built, or null.</summary>
    public string? Problem { get; private init; }

    public IReadOnlyList<string> Warnings { get; private init; } = [];

    /// <summary>True when the slice normal is within 10° of the patient's feet-head axis.</summary>
    public bool IsAxial => Math.Abs(DirectionX.Cross(DirectionY).Normalized().Z) > Math.Cos(10 * Math.PI / 180);

    /// <summary>Length covered along the stacking direction, in mm.</summary>
    public double CoverageMm => SliceCount > 1 ? Spacing.Z * (SliceCount - 1) : 0;

    public static SeriesGeometry Analyze(SeriesInfo series, AssemblyOptions? options = null)
    {
        options ??= new AssemblyOptions();
        var warnings = new List<string>();
        var images = new List<InstanceHeader>();
        int localizers = 0;
        foreach (var i in series.Instances)
        {
            if (!i.HasPixelData)
            {
                continue;
            }

            if (i.IsLocalizer)
            {
                localizers++;
                continue;
            }

            images.Add(i);
        }

        if (images.Count == 0)
        {
            return Fail(localizers > 0 ? "the series holds only localizer/scout images" : "the series has no images with pixel data", warnings);
        }

        if (localizers > 0)
        {
            warnings.Add($"{localizers} localizer image(s) left out");
        }

        var first = images[0];
        if (first.Orientation is not { } orientation)
        {
            return Fail("no ImageOrientationPatient: cannot place the slices in space", warnings);
        }

        if (first.PixelSpacing is not { } pixelSpacing)
        {
            return Fail("no PixelSpacing: cannot measure the image", warnings);
        }

        Vector3D row = orientation.Row.Normalized();
        Vector3D column = orientation.Column.Normalized();
        Vector3D normal = row.Cross(column).Normalized();
        var slices = new List<SliceRef>();
        var acquisitions = new HashSet<int>();
        foreach (var i in images)
        {
            if (i.Rows != first.Rows || i.Columns != first.Columns)
            {
                return Fail($"image sizes differ ({first.Rows}x{first.Columns} and {i.Rows}x{i.Columns} in {i.Source.DisplayName})", warnings);
            }

            if (i.Orientation is not { } o || (o.Row.Normalized() - row).Length > 1e-3 || (o.Column.Normalized() - column).Length > 1e-3)
            {
                return Fail($"image orientations differ ({i.Source.DisplayName})", warnings);
            }

            if (i.PixelSpacing is not { } ps || Math.Abs(ps.Row - pixelSpacing.Row) > 1e-3 || Math.Abs(ps.Column - pixelSpacing.Column) > 1e-3)
            {
                return Fail($"pixel spacings differ ({i.Source.DisplayName})", warnings);
            }

            if (i.Positions.Count < i.NumberOfFrames)
            {
                return Fail($"no ImagePositionPatient in {i.Source.DisplayName}", warnings);
            }

            if (i.AcquisitionNumber is { } a)
            {
                acquisitions.Add(a);
            }

            for (int f = 0; f < i.NumberOfFrames; f++)
            {
                slices.Add(new SliceRef(i, f, i.Positions[f], i.Positions[f].Dot(normal)));
            }
        }

        slices.Sort((a, b) => a.Distance.CompareTo(b.Distance));
        slices = RemoveDuplicates(slices, acquisitions.Count, warnings, out string? duplicateProblem);
        if (duplicateProblem is not null)
        {
            return Fail(duplicateProblem, warnings);
        }

        double thickness = first.SliceThickness ?? 0;
        Vector3D stacking = normal;
        double spacingZ = thickness > 0 ? thickness : 1;
        double tilt = 0;
        if (slices.Count > 1)
        {
            var gaps = new double[slices.Count - 1];
            for (int k = 1; k < slices.Count; k++)
            {
                gaps[k - 1] = slices[k].Distance - slices[k - 1].Distance;
            }

            double median = Median(gaps);
            string? spacingProblem = CheckSpacing(slices, gaps, median, options, warnings);
            if (spacingProblem is not null)
            {
                return Fail(spacingProblem, warnings);
            }

            Vector3D span = slices[^1].Position - slices[0].Position;
            stacking = span.Normalized();
            spacingZ = span.Length / (slices.Count - 1);
            tilt = Math.Acos(Math.Clamp(Math.Abs(stacking.Dot(normal)), 0, 1)) * 180 / Math.PI;
            if (tilt > 0.05)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"gantry tilt of {tilt:0.##}°: slices are sheared; geometry keeps the true positions"));
            }

            if (thickness > spacingZ * 1.05)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"overlapping slices: {thickness:0.###} mm thick at {spacingZ:0.###} mm steps"));
            }
        }
        else
        {
            warnings.Add("single slice: slice spacing taken from SliceThickness");
        }

        return new SeriesGeometry
        {
            Slices = slices,
            Rows = first.Rows,
            Columns = first.Columns,
            Origin = slices[0].Position,
            DirectionX = row,
            DirectionY = column,
            DirectionZ = stacking,
            Spacing = new Vector3D(pixelSpacing.Column, pixelSpacing.Row, spacingZ),
            SliceThickness = first.SliceThickness,
            TiltDegrees = tilt,
            Warnings = warnings,
        };
    }

    private static List<SliceRef> RemoveDuplicates(List<SliceRef> slices, int acquisitionCount, List<string> warnings, out string? problem)
    {
        problem = null;
        var seen = new HashSet<(string, int)>();
        var unique = new List<SliceRef>(slices.Count);
        foreach (var s in slices)
        {
            if (seen.Add((s.Instance.SopInstanceUid, s.Frame)))
            {
                unique.Add(s);
            }
        }

        if (unique.Count < slices.Count)
        {
            warnings.Add($"{slices.Count - unique.Count} duplicate instance(s) ignored");
        }

        if (!HasPositionClash(unique))
        {
            return unique;
        }

        if (acquisitionCount <= 1)
        {
            problem = "several images at the same slice position (duplicate or mixed reconstructions in one series)";
            return unique;
        }

        // Several acquisitions in one series: keep the one with the most slices.
        var counts = new Dictionary<int, int>();
        foreach (var s in unique)
        {
            int a = s.Instance.AcquisitionNumber ?? 0;
            counts[a] = counts.GetValueOrDefault(a) + 1;
        }

        int best = 0, bestCount = -1;
        foreach (var (a, count) in counts)
        {
            if (count > bestCount || (count == bestCount && a < best))
            {
                (best, bestCount) = (a, count);
            }
        }

        var kept = unique.FindAll(s => (s.Instance.AcquisitionNumber ?? 0) == best);
        warnings.Add($"{counts.Count} acquisitions in one series; acquisition {best} ({bestCount} slices) used");
        if (HasPositionClash(kept))
        {
            problem = "several images at the same position within one acquisition";
        }

        return kept;
    }

    private static bool HasPositionClash(List<SliceRef> slices)
    {
        for (int k = 1; k < slices.Count; k++)
        {
            if (Math.Abs(slices[k].Distance - slices[k - 1].Distance) < 0.01)
            {
                return true;
            }
        }

        return false;
    }

    private static string? CheckSpacing(List<SliceRef> slices, double[] gaps, double median, AssemblyOptions options, List<string> warnings)
    {
        if (median <= 0)
        {
            return "slice positions do not advance";
        }

        double tolerance = Math.Max(options.SpacingTolerance * median, 0.02);
        int missing = 0;
        string? firstGap = null;
        bool uneven = false;
        for (int k = 0; k < gaps.Length; k++)
        {
            double g = gaps[k];
            if (Math.Abs(g - median) <= tolerance)
            {
                continue;
            }

            double ratio = g / median;
            if (ratio > 1.5 && Math.Abs(ratio - Math.Round(ratio)) * median <= tolerance)
            {
                missing += (int)Math.Round(ratio) - 1;
                firstGap ??= string.Create(CultureInfo.InvariantCulture, $"between {slices[k].Distance:0.##} and {slices[k + 1].Distance:0.##} mm");
            }
            else
            {
                uneven = true;
                firstGap ??= string.Create(CultureInfo.InvariantCulture, $"{g:0.###} mm step between {slices[k].Distance:0.##} and {slices[k + 1].Distance:0.##} mm");
            }
        }

        if (missing == 0 && !uneven)
        {
            return null;
        }

        string message = missing > 0
            ? string.Create(CultureInfo.InvariantCulture, $"gap in the series: {missing} missing slice(s) {firstGap} (spacing {median:0.###} mm)")
            : string.Create(CultureInfo.InvariantCulture, $"uneven slice spacing: {firstGap} (median {median:0.###} mm)");
        if (options.AllowIrregularSpacing)
        {
            warnings.Add(message + "; volume uses the mean spacing");
            return null;
        }

        return message;
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
    }

    private static SeriesGeometry Fail(string problem, List<string> warnings) => new() { Problem = problem, Warnings = warnings };
}
