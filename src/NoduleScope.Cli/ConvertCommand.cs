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

        var (volume, warnings) = VolumeInput.Load(session, path, seriesUid, new AssemblyOptions());
        WriteOutput(session, volume, output);
        session.Out.WriteLine($"Wrote {output}: {DisplayText.Size(volume)} voxels, spacing {DisplayText.Spacing(volume.Spacing)} mm, {DisplayText.Bytes(OutputBytes(output))}");
        foreach (string warning in warnings)
        {
            session.Out.WriteLine("warning: " + DisplayText.Clean(warning));
        }

        return ExitCodes.Ok;
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
