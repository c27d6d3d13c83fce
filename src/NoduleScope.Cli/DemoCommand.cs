using System.CommandLine;
using System.Globalization;
using NoduleScope.Detection;
using NoduleScope.Imaging;
using NoduleScope.Imaging.IO;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Cli;

/// <summary>
/// <c>nodulescope demo [-o DIR]</c>: writes the synthetic chest phantom as a DICOM series, runs <c>info</c> and
/// <c>convert</c> on it and checks that the NIfTI file holds exactly the phantom's voxels. Needs no data.
/// </summary>
internal static class DemoCommand
{
    public const int PhantomSize = 256;
    public const int PhantomSlices = 120;
    public const double PhantomSpacingMm = 1.25;
    public const int PhantomSeed = 20240101;

    public static Command Create(CliSession session)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Folder for the demo files (default: a new folder under the system temp folder)", HelpName = "dir" };
        var command = new Command("demo", "Generate a synthetic chest CT as DICOM and run info and convert on it") { output };
        command.SetAction(parseResult => Execute(session, parseResult.GetValue(output)));
        return command;
    }

    public static int Execute(CliSession session, string? outputFolder, int size = PhantomSize, int slices = PhantomSlices)
    {
        string root = outputFolder ?? Directory.CreateTempSubdirectory("nodulescope-demo-").FullName;
        session.InputPath = root;
        string dicomFolder = Path.Combine(root, "dicom");
        string niftiPath = Path.Combine(root, "phantom.nii.gz");
        var o = session.Out;

        o.WriteLine("NoduleScope demo: a synthetic chest CT phantom (no patient data)");
        var phantom = SyntheticChestPhantom.Create(size, slices, PhantomSpacingMm, PhantomSeed);
        var options = new DicomSeriesWriterOptions { Seed = PhantomSeed.ToString(CultureInfo.InvariantCulture) };
        session.WithProgress("Writing DICOM slices", bar =>
            DicomSeriesWriter.Write(phantom, dicomFolder, options, new SynchronousProgress<int>(done => bar.Update(done, slices))));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {slices} CT Image Storage files ({size} x {size} pixels, {PhantomSpacingMm} mm voxels) to {dicomFolder}"));
        foreach (var nodule in SyntheticChestPhantom.Nodules(size, slices, PhantomSpacingMm, PhantomSeed))
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  nodule: {nodule.DiameterMm:0.#} mm {(nodule.IsGroundGlass ? "ground-glass" : "solid")} at {nodule.Center} mm (LPS)"));
        }

        o.WriteLine();
        o.WriteLine($"$ nodulescope info {dicomFolder}");
        int code = InfoCommand.Execute(session, dicomFolder, json: false);
        if (code != ExitCodes.Ok)
        {
            return code;
        }

        o.WriteLine();
        o.WriteLine($"$ nodulescope convert {dicomFolder} -o {niftiPath}");
        code = ConvertCommand.Execute(session, dicomFolder, niftiPath, seriesUid: null);
        if (code != ExitCodes.Ok)
        {
            return code;
        }

        o.WriteLine();
        var converted = VolumeFile.Read(niftiPath);
        if (!converted.Voxels.AsSpan().SequenceEqual(phantom.Voxels))
        {
            session.Error.WriteLine($"{ErrorReporter.Prefix}{niftiPath}: the converted volume differs from the phantom (a bug; please report it)");
            return ExitCodes.UnexpectedError;
        }

        o.WriteLine("Check: the NIfTI file holds the phantom voxel for voxel.");

        string detectFolder = Path.Combine(root, "detect");
        o.WriteLine();
        o.WriteLine($"$ nodulescope detect {dicomFolder} -o {detectFolder}");
        code = DetectCommand.Execute(session, dicomFolder, detectFolder, new NoduleDetectorOptions().Threshold, seriesUid: null);
        if (code != ExitCodes.Ok)
        {
            return code;
        }

        var findings = FindingsJson.Read(Path.Combine(detectFolder, "findings.json")).Findings;
        var truth = SyntheticChestPhantom.Nodules(size, slices, PhantomSpacingMm, PhantomSeed);
        int found = 0;
        foreach (var nodule in truth)
        {
            foreach (var f in findings)
            {
                var c = new Vector3D(f.CenterWorld[0], f.CenterWorld[1], f.CenterWorld[2]);
                if ((c - nodule.Center).Length < nodule.DiameterMm / 2)
                {
                    found++;
                    break;
                }
            }
        }

        o.WriteLine();
        o.WriteLine($"Check: {found} of {truth.Count} phantom nodules found; {findings.Count - found} other finding(s).");
        o.WriteLine($"Done. The files are in {root}");
        return ExitCodes.Ok;
    }
}
