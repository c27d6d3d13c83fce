using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NoduleScope.Detection.Lungs;
using NoduleScope.Detection.Synthesis;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.IO;
using NoduleScope.Imaging.Series;

namespace NoduleScope.Cli;

/// <summary>
/// <c>nodulescope synth --background CT --nodules LIDC-VOIS --count N --split held-out|tuning --seed S -o DIR</c>: blends
/// N LIDC nodules of one split into a real chest CT and writes the DICOM series, LUNA16 annotations.csv rows and a JSON
/// sidecar with each nodule's placement kind. The same arguments always give the same files.
/// </summary>
internal static class SynthCommand
{
    public static Command Create(CliSession session)
    {
        var background = new Option<string>("--background") { Description = "Background chest CT: DICOM folder, file, .zip, or a .nii/.nii.gz/.mhd/.mha volume", Required = true, HelpName = "path" };
        var nodules = new Option<string>("--nodules") { Description = "lidc-vois folder (nodules.csv, image/, mask/)", Required = true, HelpName = "folder" };
        var count = new Option<int>("--count") { Description = "Number of nodules to insert", DefaultValueFactory = _ => 10, HelpName = "n" };
        var split = new Option<string>("--split") { Description = "Which patients' nodules: held-out (reported numbers) or tuning", DefaultValueFactory = _ => "held-out", HelpName = "part" };
        split.AcceptOnlyFromAmong("held-out", "tuning");
        var seed = new Option<int>("--seed") { Description = "Seed for the choice of nodules, their positions and the UIDs", DefaultValueFactory = _ => 1, HelpName = "s" };
        var output = new Option<string>("--output", "-o") { Description = "Output folder: <case>/ series, <case>.json, annotations.csv (appended)", Required = true, HelpName = "dir" };
        var command = new Command("synth", "Insert real LIDC nodules into a chest CT and write a DICOM series with LUNA16 annotations")
        {
            background, nodules, count, split, seed, output,
        };
        command.SetAction(parseResult => Execute(
            session,
            parseResult.GetRequiredValue(background),
            parseResult.GetRequiredValue(nodules),
            parseResult.GetValue(count),
            parseResult.GetRequiredValue(split) == "tuning" ? LidcSplitPart.Tuning : LidcSplitPart.HeldOut,
            parseResult.GetValue(seed),
            parseResult.GetRequiredValue(output)));
        return command;
    }

    public static int Execute(CliSession session, string backgroundPath, string noduleFolder, int count, LidcSplitPart part, int seed, string outputFolder)
    {
        session.InputPath = backgroundPath;
        if (count <= 0)
        {
            throw new InputProblemException("--count", "must be at least 1");
        }

        if (!File.Exists(Path.Combine(noduleFolder, "nodules.csv")))
        {
            throw new InputProblemException(noduleFolder, "no nodules.csv (expected a lidc-vois folder with nodules.csv, image/ and mask/)");
        }

        var library = LidcNoduleLibrary.Load(noduleFolder);
        var chosen = Choose(library.Select(part), count, seed);
        if (chosen.Count == 0)
        {
            throw new InputProblemException(noduleFolder, "no nodules of 3 mm or more in that split");
        }

        var background = ReadBackground(session, backgroundPath);
        var lungs = session.WithProgress("Segmenting lungs", _ => new LungSegmenter().Segment(background));
        var watch = Stopwatch.StartNew();
        var result = session.WithProgress("Inserting nodules", _ => new LesionInserter().Insert(background, lungs, chosen, LesionPlacement.All, seed));
        double insertSeconds = watch.Elapsed.TotalSeconds;

        Directory.CreateDirectory(outputFolder);
        string caseName = string.Create(CultureInfo.InvariantCulture, $"synth-{seed}");
        string annotations = Path.Combine(outputFolder, "annotations.csv");
        var written = session.WithProgress("Writing series", _ => InsertionCaseWriter.Write(result, outputFolder, caseName, seed, annotations, Path.GetFullPath(backgroundPath)));

        session.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Inserted {result.Nodules.Count} of {chosen.Count} nodules in {insertSeconds:0.0} s; series {written.SeriesInstanceUid}"));
        foreach (var n in result.Nodules)
        {
            session.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {n.SourceId,-22} {InsertionCaseWriter.PlacementName(n.Placement),-13} {n.DiameterMm,5:0.0} mm at ({n.Center.X:0.0}, {n.Center.Y:0.0}, {n.Center.Z:0.0})"));
        }

        foreach (string warning in result.Warnings)
        {
            session.Out.WriteLine("warning: " + DisplayText.Clean(warning));
        }

        session.Out.WriteLine($"Wrote {written.SeriesFolder}, {written.SidecarPath}; appended to {annotations}");
        return ExitCodes.Ok;
    }

    /// <summary>A seeded shuffle of the split's nodules, first <paramref name="count"/> kept.</summary>
    private static List<LidcNodule> Choose(IReadOnlyList<LidcNodule> nodules, int count, int seed)
    {
        var order = new List<LidcNodule>(nodules);
        var random = new Random(seed);
        for (int i = order.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order.GetRange(0, Math.Min(count, order.Count));
    }

    private static CtVolume ReadBackground(CliSession session, string path)
    {
        if (VolumeFile.TryDetectFormat(path, out _) && File.Exists(path))
        {
            return session.WithProgress("Reading volume", _ => VolumeFile.Read(path));
        }

        var scan = DicomInput.Scan(session, path);
        DicomInput.RequireSeries(scan, path);
        var selection = SeriesSelector.Select(scan.Series);
        var series = selection.Chosen ?? throw DicomInput.NoUsableSeries(path, selection);
        session.Out.WriteLine($"Background: {DicomInput.Describe(series, selection.Reason)}");
        return session.WithProgress("Assembling slices", _ => new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { PaddingToAir = true }).Assemble(series).Volume);
    }
}
