namespace NoduleScope.Dicom.Network.Tests;

/// <summary>
/// Compares two data sets element by element after our reader decoded them, for the cases where a dcmtk tool
/// re-encodes what it sends (re-deflating, for one) so the bytes cannot match.
/// </summary>
internal static class DataSetComparer
{
    /// <summary>Null when equal; else where they first differ.</summary>
    public static string? Difference(DicomDataset a, DicomDataset b, string path = "")
    {
        var x = a.Items.Where(i => !i.Tag.IsGroupLength).ToList();
        var y = b.Items.Where(i => !i.Tag.IsGroupLength).ToList();
        if (x.Count != y.Count)
        {
            return $"{path}: {x.Count} elements vs {y.Count}";
        }

        for (int i = 0; i < x.Count; i++)
        {
            string where = $"{path}/{x[i].Tag}";
            if (x[i].Tag != y[i].Tag)
            {
                return $"{where}: tag {y[i].Tag} in the other";
            }

            string? difference = (x[i], y[i]) switch
            {
                (DicomSequence sx, DicomSequence sy) when sx.Items.Count == sy.Items.Count =>
                    sx.Items.Select((item, k) => Difference(item, sy.Items[k], $"{where}[{k}]")).FirstOrDefault(d => d is not null),
                (DicomFragmentSequence fx, DicomFragmentSequence fy) =>
                    fx.Fragments.Count == fy.Fragments.Count && fx.Fragments.Select((f, k) => f.Span.SequenceEqual(fy.Fragments[k].Span)).All(same => same)
                        ? null
                        : $"{where}: fragments differ",
                (DicomElement ex, DicomElement ey) => SameValue(ex, ey) ? null
                    : $"{where}: values differ ({Convert.ToHexString(ex.Data.Span[..Math.Min(32, ex.Data.Length)])} vs {Convert.ToHexString(ey.Data.Span[..Math.Min(32, ey.Data.Length)])})",
                _ => $"{where}: different kinds of element",
            };
            if (difference is not null)
            {
                return difference;
            }
        }

        return null;
    }

    /// <summary>Equal bytes; for text, equal once trailing padding (space or NUL) is removed.</summary>
    private static bool SameValue(DicomElement x, DicomElement y)
    {
        if (x.Data.Span.SequenceEqual(y.Data.Span))
        {
            return true;
        }

        return x.VR.IsString() && y.VR.IsString() && x.Data.Span.TrimEnd("\0 "u8).SequenceEqual(y.Data.Span.TrimEnd("\0 "u8));
    }
}
