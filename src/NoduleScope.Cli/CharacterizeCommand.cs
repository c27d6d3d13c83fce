using System.CommandLine;
using System.Globalization;
using NoduleScope.Detection.Lungs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Series;
using NoduleScope.Pipeline.Processing;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Cli;

/// <summary>
/// <c>nodulescope characterize PATH --at x,y,z [patient options] [--json]</c>: segments the nodule at a world point
/// (LPS mm) without running detection and prints its type, calcification, margin, location, Brock, Lung-RADS and
/// Fleischner block — the same block detect writes per finding into findings.json.
/// </summary>
internal static class CharacterizeCommand
{
    public static Command Create(CliSession session)
    {
        var path = new Argument<string>("path") { Description = "DICOM file, folder tree, .zip or DICOMDIR; or a .nii, .nii.gz, .mhd or .mha volume" };
        var at = new Option<string>("--at") { Description = "The nodule's position in world (DICOM patient, LPS) mm: x,y,z", Required = true, HelpName = "x,y,z" };
        var json = new Option<bool>("--json") { Description = "Print the findings.json block instead of text" };
        var series = new Option<string?>("--series") { Description = "SeriesInstanceUID to use instead of the automatically selected series", HelpName = "uid" };
        var patient = new PatientOptions();
        var command = new Command("characterize", "Characterise the nodule at a point: type, calcification, location, Brock, Lung-RADS, Fleischner") { path, at, json, series };
        foreach (var option in patient.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => Execute(session, parseResult.GetRequiredValue(path), ParsePoint(parseResult.GetRequiredValue(at)), parseResult.GetValue(json),
            parseResult.GetValue(series), patient.Patient(parseResult), patient.ExamPurpose(parseResult)));
        return command;
    }

    public static int Execute(CliSession session, string path, Vector3D point, bool json, string? seriesUid, Clinical.PatientContext callerPatient, Clinical.ExamPurpose purpose)
    {
        session.InputPath = path;
        var (volume, _) = VolumeInput.Load(session, path, seriesUid, new AssemblyOptions { PaddingToAir = true }, quiet: json);
        volume.ClampBelowAir();

        var nodule = NoduleAtPoint.Characterize(volume, () => new LungSegmenter().Segment(volume), point, 1, callerPatient, purpose)
            ?? throw new InputProblemException(path, string.Create(CultureInfo.InvariantCulture, $"nothing denser than lung at ({point.X:0.0}, {point.Y:0.0}, {point.Z:0.0}) mm"));
        if (json)
        {
            session.Out.WriteLine(FindingsJson.Serialize(nodule));
            return ExitCodes.Ok;
        }

        var c = nodule.Characterization!;
        var o = session.Out;
        o.WriteLine(Invariant($"Nodule at ({nodule.CenterWorld[0]:0.0}, {nodule.CenterWorld[1]:0.0}, {nodule.CenterWorld[2]:0.0}) mm, {nodule.Lung} lung{(c.Lobe is null ? string.Empty : ", " + c.Lobe + " lobe (estimated)")}"));
        o.WriteLine(Invariant($"  size: {nodule.LongAxisMm:0.0} x {nodule.ShortAxisMm:0.0} mm (mean {nodule.MeanDiameterMm:0.0} mm), {nodule.VolumeMm3:0} mm³, mean {nodule.MeanHu:0} HU"));
        o.WriteLine($"  type: {c.Type}; calcified: {YesNo(c.Calcified)}{(c.Calcified == true ? (c.BenignCalcification == true ? " (benign pattern)" : " (not a benign pattern)") : string.Empty)}; spiculated: {YesNo(c.Spiculated)}; ill-defined margin: {YesNo(c.IllDefinedMargin)}{(c.EdgeWidthMm is { } edge ? string.Create(CultureInfo.InvariantCulture, $" (edge width {edge:0.0} mm)") : string.Empty)}");
        o.WriteLine(Invariant($"  pleura: {c.DistanceToPleuraMm:0.0} mm away, juxtapleural: {YesNo(c.Juxtapleural)}; juxtavascular: {YesNo(c.Juxtavascular)}"));
        o.WriteLine(Invariant($"  Brock (PanCan) probability of malignancy: {c.BrockProbability * 100:0.0} %; learned malignancy score {c.MalignancyScore:0.00}"));
        o.WriteLine($"  Lung-RADS v2022: {c.LungRadsCategory} — {c.LungRadsManagement}");
        o.WriteLine($"  Fleischner 2017: {c.FleischnerRecommendation}");
        foreach (var (key, value) in c.Inputs)
        {
            o.WriteLine($"    {key}: {DisplayText.Clean(value)}");
        }

        o.WriteLine("For clinical decision support, not a diagnosis.");
        return ExitCodes.Ok;
    }

    private static string YesNo(bool? value) => value switch { true => "yes", false => "no", null => "unknown" };

    private static Vector3D ParsePoint(string text)
    {
        var parts = text.Split(',');
        if (parts.Length != 3 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double y)
            || !double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out double z)
            || !double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(z))
        {
            throw new InputProblemException("--at", "expected three numbers x,y,z in mm (e.g. --at -55.2,20.1,-130)");
        }

        return new Vector3D(x, y, z);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
