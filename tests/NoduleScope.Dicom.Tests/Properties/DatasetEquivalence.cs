namespace NoduleScope.Dicom.Tests.Properties;

/// <summary>Compares two datasets attribute by attribute (tag, VR, value, nesting) and says where they first differ.</summary>
internal static class DatasetEquivalence
{
    public static string? FirstDifference(DicomDataset expected, DicomDataset actual, string path = "")
    {
        if (expected.Count != actual.Count)
        {
            return $"{path}: {expected.Count} attributes expected, {actual.Count} read ({string.Join(' ', actual.Items.Select(i => i.Tag))})";
        }

        for (int i = 0; i < expected.Count; i++)
        {
            var x = expected.Items[i];
            var y = actual.Items[i];
            string where = $"{path}/{x.Tag}";
            if (x.Tag != y.Tag || x.VR != y.VR)
            {
                return $"{where} {x.VR.Code()}: read {y.Tag} {y.VR.Code()}";
            }

            switch (x, y)
            {
                case (DicomSequence sx, DicomSequence sy):
                    if (sx.Items.Count != sy.Items.Count)
                    {
                        return $"{where}: {sx.Items.Count} items expected, {sy.Items.Count} read";
                    }

                    for (int k = 0; k < sx.Items.Count; k++)
                    {
                        if (FirstDifference(sx.Items[k], sy.Items[k], $"{where}[{k}]") is { } difference)
                        {
                            return difference;
                        }
                    }

                    break;
                case (DicomElement ex, DicomElement ey):
                    if (!SameValue(ex.Data.Span, ey.Data.Span, ex.VR.PaddingByte()))
                    {
                        return $"{where}: value of {ex.Length} bytes read back as {ey.Length} bytes";
                    }

                    break;
                default:
                    return $"{where}: {x.GetType().Name} read back as {y.GetType().Name}";
            }
        }

        return null;
    }

    /// <summary>Equal, allowing the one padding byte the writer adds to an odd-length value.</summary>
    private static bool SameValue(ReadOnlySpan<byte> written, ReadOnlySpan<byte> read, byte padding) =>
        written.SequenceEqual(read) || (written.Length % 2 == 1 && read.Length == written.Length + 1 && read[..written.Length].SequenceEqual(written) && read[^1] == padding);
}
