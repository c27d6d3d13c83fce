using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using NoduleScope.Dicom;
using NoduleScope.Dicom.Deidentification;

namespace NoduleScope.Cli;

/// <summary>
/// <c>nodulescope deidentify IN OUT [--profile basic] [--keep-longitudinal] [--site-key-file F]</c>: writes a
/// de-identified copy (DICOM PS3.15 Annex E basic profile) of every DICOM file of IN (a file or a folder tree) into the
/// folder OUT. Output names are generated (IM000001.dcm, ...), never taken from DICOM values or input names. A file that
/// cannot be read or written is reported with its name and the others go on; the exit code is then 2.
/// </summary>
internal static class DeidentifyCommand
{
    private const string MediaStorageDirectoryUid = "1.2.840.10008.1.3.10";
    private const int MaxKeyFileBytes = 4096;

    public static Command Create(CliSession session)
    {
        var input = new Argument<string>("in") { Description = "DICOM file or folder tree to de-identify (files that are not DICOM are skipped)" };
        var output = new Argument<string>("out") { Description = "Output folder (created; must be empty)" };
        var profile = new Option<string>("--profile") { Description = "Confidentiality profile of DICOM PS3.15 Annex E", DefaultValueFactory = _ => "basic", HelpName = "name" };
        profile.AcceptOnlyFromAmong("basic");
        var keepLongitudinal = new Option<bool>("--keep-longitudinal") { Description = "Keep dates and times (Retain Longitudinal Temporal Information Full Dates Option)" };
        var siteKey = new Option<string?>("--site-key-file") { Description = "File holding the site's secret key (at least 16 bytes); the same key always gives the same replacement UIDs", HelpName = "file" };
        var command = new Command("deidentify", "Write de-identified copies of DICOM files (PS3.15 basic profile, deterministic UIDs per site key)")
        {
            input, output, profile, keepLongitudinal, siteKey,
        };
        command.SetAction(parseResult => Execute(
            session,
            parseResult.GetRequiredValue(input),
            parseResult.GetRequiredValue(output),
            parseResult.GetValue(keepLongitudinal),
            parseResult.GetValue(siteKey)));
        return command;
    }

    public static int Execute(CliSession session, string input, string output, bool keepLongitudinal, string? siteKeyFile)
    {
        session.InputPath = input;
        var files = ListInput(input);
        string outputFolder = PrepareOutput(input, output);
        byte[] key = siteKeyFile is null ? RandomNumberGenerator.GetBytes(32) : ReadSiteKey(siteKeyFile);
        var options = new DeidentificationOptions
        {
            SiteKey = key,
            ProfileOptions = keepLongitudinal ? new HashSet<DeidentificationOption> { DeidentificationOption.RetainLongitudinalFullDates } : new HashSet<DeidentificationOption>(),
        };
        var deidentifier = new Deidentifier(options);

        int written = 0, failed = 0, skipped = 0;
        session.WithProgress("De-identifying", bar =>
        {
            for (int i = 0; i < files.Count; i++)
            {
                session.CancellationToken.ThrowIfCancellationRequested();
                switch (DeidentifyOne(session, deidentifier, files[i], outputFolder, written + 1))
                {
                    case Outcome.Written:
                        written++;
                        break;
                    case Outcome.Failed:
                        failed++;
                        break;
                    default:
                        skipped++;
                        break;
                }

                bar.Update(i + 1, files.Count);
            }

            return true;
        });

        if (written == 0 && failed == 0)
        {
            throw new InputProblemException(input, files.Count == 0 ? "no files found" : string.Create(CultureInfo.InvariantCulture, $"no DICOM files found among {files.Count} file(s)"));
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"De-identified {written} file(s) into {outputFolder}");
        if (failed > 0)
        {
            summary += string.Create(CultureInfo.InvariantCulture, $"; {failed} could not be de-identified (listed on stderr)");
        }

        if (skipped > 0)
        {
            summary += string.Create(CultureInfo.InvariantCulture, $"; {skipped} skipped (not DICOM, or a DICOMDIR)");
        }

        session.Out.WriteLine(summary);
        if (siteKeyFile is null)
        {
            session.Out.WriteLine("note: no --site-key-file, so the replacement UIDs are consistent within this run only");
        }

        return failed > 0 ? ExitCodes.BadInput : ExitCodes.Ok;
    }

    private enum Outcome
    {
        Written,
        Failed,
        Skipped,
    }

    private static Outcome DeidentifyOne(CliSession session, Deidentifier deidentifier, string path, string outputFolder, int number)
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"IM{number:D6}.dcm");
        string final = Path.Combine(outputFolder, name);
        string partial = Path.Combine(outputFolder, "." + name + ".partial");
        try
        {
            if (!LooksLikeDicom(path))
            {
                return Outcome.Skipped;
            }

            var file = DicomFile.Open(path);
            if (file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID) == MediaStorageDirectoryUid)
            {
                return Outcome.Skipped;
            }

            var instance = deidentifier.Deidentify(file);
            using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                instance.Write(stream);
            }

            File.Move(partial, final);
            foreach (string warning in instance.Warnings)
            {
                ErrorReporter.Warn(session, $"{path}: {warning}");
            }

            return Outcome.Written;
        }
        catch (Exception e) when (e is DicomException or DicomNotSupportedException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            TryDelete(partial);
            string reason = e is DicomFormatException { FilePath: not null } ? e.Message : $"{path}: {e.Message}";
            session.Error.WriteLine(ErrorReporter.Prefix + DisplayText.Clean(reason));
            return Outcome.Failed;
        }
    }

    private static List<string> ListInput(string input)
    {
        if (File.Exists(input))
        {
            return [Path.GetFullPath(input)];
        }

        if (!Directory.Exists(input))
        {
            throw new InputProblemException(input, "no such file or folder");
        }

        var enumeration = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint | FileAttributes.Hidden | FileAttributes.System,
        };
        var files = Directory.EnumerateFiles(Path.GetFullPath(input), "*", enumeration).ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static string PrepareOutput(string input, string output)
    {
        string full = Path.GetFullPath(output);
        if (File.Exists(full))
        {
            throw new InputProblemException(output, "is a file; the output must be a folder");
        }

        if (Directory.Exists(input))
        {
            string inputFull = Path.TrimEndingDirectorySeparator(Path.GetFullPath(input)) + Path.DirectorySeparatorChar;
            if ((Path.TrimEndingDirectorySeparator(full) + Path.DirectorySeparatorChar).StartsWith(inputFull, StringComparison.Ordinal))
            {
                throw new InputProblemException(output, "is inside the input folder");
            }
        }

        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new InputProblemException(output, "output folder is not empty");
        }

        try
        {
            Directory.CreateDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputProblemException(output, "cannot create the output folder: " + e.Message);
        }

        return full;
    }

    /// <summary>The key file's bytes without surrounding whitespace, so a key made with `openssl rand -hex 32 > F` works as written.</summary>
    private static byte[] ReadSiteKey(string path)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new InputProblemException(path, "site key file not found");
            }

            if (info.Length > MaxKeyFileBytes)
            {
                throw new InputProblemException(path, string.Create(CultureInfo.InvariantCulture, $"site key file is larger than {MaxKeyFileBytes} bytes"));
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputProblemException(path, "cannot read the site key file: " + e.Message);
        }

        var trimmed = bytes.AsSpan();
        while (trimmed.Length > 0 && char.IsWhiteSpace((char)trimmed[^1]))
        {
            trimmed = trimmed[..^1];
        }

        while (trimmed.Length > 0 && char.IsWhiteSpace((char)trimmed[0]))
        {
            trimmed = trimmed[1..];
        }

        if (trimmed.Length < UidMapper.MinimumKeyBytes)
        {
            throw new InputProblemException(path, string.Create(CultureInfo.InvariantCulture, $"site key is {trimmed.Length} bytes; at least {UidMapper.MinimumKeyBytes} are needed (e.g. openssl rand -hex 32 > {Path.GetFileName(path)})"));
        }

        return trimmed.ToArray();
    }

    private static bool LooksLikeDicom(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        Span<byte> head = stackalloc byte[132];
        int read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return DicomFile.LooksLikeDicom(head[..read], stream.Length);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover hidden .partial file holds nothing the output folder should not have.
        }
    }
}
