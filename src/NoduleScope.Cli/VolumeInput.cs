using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.IO;
using NoduleScope.Imaging.Series;

namespace NoduleScope.Cli;

/// <summary>Turns a command's input path into one CT volume: a NIfTI/MetaImage file as it is, or the chosen series of
/// a DICOM input assembled with a progress bar.</summary>
internal static class VolumeInput
{
    public static (CtVolume Volume, IReadOnlyList<string> Warnings) Load(CliSession session, string path, string? seriesUid, AssemblyOptions assembly, bool quiet = false)
    {
        // With machine-readable output on stdout, what was read is said on stderr.
        var log = quiet ? session.Error : session.Out;
        if (VolumeFile.TryDetectFormat(path, out var inputFormat) && File.Exists(path))
        {
            if (seriesUid is not null)
            {
                throw new InputProblemException(path, "--series applies to DICOM input only");
            }

            var read = session.WithProgress("Reading volume", _ => VolumeFile.Read(path));
            log.WriteLine($"Read {path}: {DisplayText.VolumeFormat(inputFormat)}");
            return (read, []);
        }

        var series = ChooseSeries(session, log, path, seriesUid, out var extraWarnings);
        var assembled = session.WithProgress("Assembling slices", bar =>
        {
            int total = series.SliceCount;
            return new SeriesAssembler(DicomCodecs.Default, assembly).Assemble(series, new SynchronousProgress<int>(done => bar.Update(done, total)), session.CancellationToken);
        });
        return (assembled.Volume, [.. extraWarnings, .. assembled.Warnings]);
    }

    /// <summary>
    /// The series named by <paramref name="seriesUid"/>, else the one the selector picks for detection, else (like
    /// dcm2niix) the best series that still forms a volume, e.g. a short or non-CT series, with a warning.
    /// </summary>
    private static SeriesInfo ChooseSeries(CliSession session, TextWriter log, string path, string? seriesUid, out List<string> warnings)
    {
        warnings = [];
        var scan = DicomInput.Scan(session, path);
        DicomInput.RequireSeries(scan, path);
        foreach (string error in scan.Errors)
        {
            warnings.Add("skipped unreadable file " + error);
        }

        var selection = SeriesSelector.Select(scan.Series, seriesUid);
        if (selection.Chosen is { } chosen)
        {
            log.WriteLine($"Series: {DicomInput.Describe(chosen, selection.Reason)}");
            return chosen;
        }

        if (seriesUid is not null)
        {
            throw new InputProblemException(path, selection.Reason);
        }

        foreach (var candidate in selection.Ranking)
        {
            if (candidate.Series.Geometry.Problem is null && !candidate.Series.IsLocalizer)
            {
                log.WriteLine($"Series: {DicomInput.Label(candidate.Series)} ({candidate.Series.SeriesInstanceUid})");
                warnings.Add($"{DicomInput.Label(candidate.Series)} is not suited to nodule detection: {candidate.Note}");
                return candidate.Series;
            }
        }

        throw DicomInput.NoUsableSeries(path, selection);
    }
}
