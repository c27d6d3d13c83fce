using System.Globalization;
using NoduleScope.Imaging.Series;

namespace NoduleScope.Cli;

/// <summary>Scanning of a DICOM input (file, folder, zip, DICOMDIR) with a progress bar, shared by the commands.</summary>
internal static class DicomInput
{
    public static ScanResult Scan(CliSession session, string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new InputProblemException(path, "no such file or folder");
        }

        return session.WithProgress("Reading DICOM headers", bar =>
            new DicomInputScanner().Scan(path, new SynchronousProgress<ScanProgress>(p => bar.Update(p.FilesDone, p.FilesTotal)), session.CancellationToken));
    }

    /// <summary>Throws when the scan found no DICOM series at all, saying why (empty, not DICOM, unreadable).</summary>
    public static void RequireSeries(ScanResult scan, string path)
    {
        if (scan.Series.Count > 0)
        {
            return;
        }

        if (scan.Errors.Count > 0)
        {
            // The first unreadable file says most; it already names itself ("file: reason").
            string more = scan.Errors.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $" (and {scan.Errors.Count - 1} more unreadable file(s))") : string.Empty;
            string first = scan.Errors[0];
            int colon = first.IndexOf(": ", StringComparison.Ordinal);
            throw colon > 0
                ? new InputProblemException(first[..colon], first[(colon + 2)..] + more)
                : new InputProblemException(path, first + more);
        }

        if (File.Exists(path))
        {
            throw new InputProblemException(path, "not a DICOM file (nor a .nii, .nii.gz, .mhd or .mha volume)");
        }

        throw new InputProblemException(path, scan.FilesSeen == 0
            ? "no DICOM files found (the folder is empty)"
            : string.Create(CultureInfo.InvariantCulture, $"no DICOM files found among {scan.FilesSeen} file(s)"));
    }

    /// <summary>Why nothing was selected, kept to a readable length when the input holds many series.</summary>
    public static InputProblemException NoUsableSeries(string path, SeriesSelection selection)
    {
        const int Listed = 3;
        if (selection.Ranking.Count <= Listed || selection.Chosen is not null)
        {
            return new InputProblemException(path, DisplayText.Clean(selection.Reason));
        }

        var notes = new List<string>(Listed);
        foreach (var candidate in selection.Ranking.Take(Listed))
        {
            notes.Add($"{Label(candidate.Series)}: {DisplayText.Clean(candidate.Note)}");
        }

        return new InputProblemException(path, string.Create(CultureInfo.InvariantCulture,
            $"no usable CT series among {selection.Ranking.Count} series: {string.Join("; ", notes)}; and {selection.Ranking.Count - Listed} more (see 'nodulescope info')"));
    }

    /// <summary>"series 2 'CHEST' (UID): why", without repeating the label when the selector's reason starts with it.</summary>
    public static string Describe(SeriesInfo series, string reason)
    {
        string label = Label(series);
        reason = DisplayText.Clean(reason);
        if (reason.StartsWith(label + ": ", StringComparison.Ordinal))
        {
            reason = reason[(label.Length + 2)..];
        }

        return $"{label} ({series.SeriesInstanceUid}): {reason}";
    }

    /// <summary>A short label for messages: series number and description.</summary>
    public static string Label(SeriesInfo series)
    {
        string number = series.SeriesNumber?.ToString(CultureInfo.InvariantCulture) ?? "?";
        string description = DisplayText.Clean(series.SeriesDescription);
        return description.Length > 0 ? $"series {number} '{description}'" : $"series {number}";
    }
}
