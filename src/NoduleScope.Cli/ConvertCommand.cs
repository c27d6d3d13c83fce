using System.CommandLine;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.IO;
using NoduleScope.Imaging.Series;

namespace NoduleScope.Cli;

/// <summary>
/// <c>nodulescope convert PATH -o OUT [--series UID]</c>: builds one CT volume from a DICOM input (the selected series,
/// or the one named) or reads a NIfTI/MetaImage volume, and writes it as .nii, .nii.gz, .mhd or .mha.
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(CliSession session)
    {
        var path = new Argument<string>("path") { Description = "DICOM file, folder tree, .zip or DICOMDIR; or a .nii, .nii.gz, .mhd or .mha volume" };
        var output = new Option<string>("--output", "-o") { Description = "Output file: .nii, .nii.gz, .mhd (with .raw) or .mha", Required = true, HelpName = "file" };
        var series = new Option<string?>("--series") { Description = "SeriesInstanceUID to convert instead of the automatically selected series", HelpName = "uid" };
        var command = new Command("convert", "Convert a DICOM series or a volume file to NIfTI or MetaImage") { path, output, series };
        command.SetAction(parseResult => Execute(session, parseResult.GetRequiredValue(path), parseResult.GetRequiredValue(output), parseResult.GetValue(series)));
        return command;
    }

    public static int Execute(CliSession session, string path, string output, string? seriesUid)
    {
        session.InputPath = path;
        if (!VolumeFile.TryDetectFormat(output, out _))
        {
            throw new InputProblemException(output, "unknown output format; use .nii, .nii.gz, .mhd or .mha");
        }

        CtVolume volume;
        IReadOnlyList<string> warnings;
        if (VolumeFile.TryDetectFormat(path, out var inputFormat) && File.Exists(path))
        {
            if (seriesUid is not null)
            {
                throw new InputProblemException(path, "--series applies to DICOM input only");
            }

            volume = session.WithProgress("Reading volume", _ => VolumeFile.Read(path));
            warnings = [];
            session.Out.WriteLine($"Read {path}: {DisplayText.VolumeFormat(inputFormat)}");
        }
        else
        {
            var series = ChooseSeries(session, path, seriesUid, out var extraWarnings);
            var assembled = session.WithProgress("Assembling slices", bar =>
            {
                int total = series.SliceCount;
                return new SeriesAssembler(DicomCodecs.Default).Assemble(series, new SynchronousProgress<int>(done => bar.Update(done, total)), session.CancellationToken);
            });
            volume = assembled.Volume;
            warnings = [.. extraWarnings, .. assembled.Warnings];
        }

        WriteOutput(session, volume, output);
        session.Out.WriteLine($"Wrote {output}: {DisplayText.Size(volume)} voxels, spacing {DisplayText.Spacing(volume.Spacing)} mm, {DisplayText.Bytes(OutputBytes(output))}");
        foreach (string warning in warnings)
        {
            session.Out.WriteLine("warning: " + DisplayText.Clean(warning));
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The series named by <paramref name="seriesUid"/>, else the one the selector picks for detection, else (like
    /// dcm2niix) the best series that still forms a volume, e.g. a short or non-CT series, with a warning.
    /// </summary>
    private static SeriesInfo ChooseSeries(CliSession session, string path, string? seriesUid, out List<string> warnings)
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
            session.Out.WriteLine($"Series: {DicomInput.Describe(chosen, selection.Reason)}");
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
                session.Out.WriteLine($"Series: {DicomInput.Label(candidate.Series)} ({candidate.Series.SeriesInstanceUid})");
                warnings.Add($"{DicomInput.Label(candidate.Series)} is not suited to nodule detection: {candidate.Note}");
                return candidate.Series;
            }
        }

        throw DicomInput.NoUsableSeries(path, selection);
    }

    private static void WriteOutput(CliSession session, CtVolume volume, string output)
    {
        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(output));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }

            session.WithProgress("Writing " + Path.GetFileName(output), _ =>
            {
                VolumeFile.Write(volume, output);
                return true;
            });
        }
        catch (Exception e) when (e is UnauthorizedAccessException or DirectoryNotFoundException or PathTooLongException || (e is IOException && !IsDiskFull(e)))
        {
            throw new InputProblemException(output, "cannot write the output: " + e.Message);
        }
    }

    /// <summary>ENOSPC / ERROR_DISK_FULL: an environment problem, not a wrong argument.</summary>
    private static bool IsDiskFull(Exception e) => (e.HResult & 0xFFFF) is 28 or 112;

    private static long OutputBytes(string output)
    {
        long bytes = new FileInfo(output).Length;
        if (output.EndsWith(".mhd", StringComparison.OrdinalIgnoreCase))
        {
            foreach (string extension in (string[])[".raw", ".zraw"])
            {
                var data = new FileInfo(Path.ChangeExtension(output, extension));
                if (data.Exists)
                {
                    bytes += data.Length;
                }
            }
        }

        return bytes;
    }
}
