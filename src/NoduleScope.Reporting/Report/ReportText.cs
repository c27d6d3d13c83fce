using System.Globalization;
using NoduleScope.Imaging;
using NoduleScope.Reporting.Dicom;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Reporting.Report;

/// <summary>How findings read in the human-facing outputs (key images, HTML, PDF), so that all of them say the same.</summary>
public static class ReportText
{
    public const string Disclaimer = "For clinical decision support, not a diagnosis.";
    public const string NotAssessed = "not assessed";

    public static string NoduleLabel(int findingId) => NoduleTracking.Identifier(findingId);

    /// <summary>The patient direction letter a direction points to most (L/R, P/A, H/F).</summary>
    public static string Side(Vector3D direction)
    {
        double ax = Math.Abs(direction.X), ay = Math.Abs(direction.Y), az = Math.Abs(direction.Z);
        if (ax >= ay && ax >= az)
        {
            return direction.X >= 0 ? "L" : "R";
        }

        return ay >= az ? (direction.Y >= 0 ? "P" : "A") : (direction.Z >= 0 ? "H" : "F");
    }

    /// <summary>"right upper lobe", or the lung side when the lobe is unknown.</summary>
    public static string Location(FindingsNodule nodule)
    {
        if (nodule.Characterization?.Lobe is { Length: > 0 } lobe)
        {
            return lobe == "lingula" ? "lingula" : lobe + " lobe";
        }

        return nodule.Lung switch
        {
            "right" => "right lung",
            "left" => "left lung",
            _ => "lung",
        };
    }

    public static string Axes(FindingsNodule nodule) => Invariant($"{nodule.LongAxisMm:0.0} × {nodule.ShortAxisMm:0.0} mm");

    public static string MeanDiameter(FindingsNodule nodule) => Invariant($"{nodule.MeanDiameterMm:0.0} mm");

    public static string Volume(FindingsNodule nodule) => Invariant($"{nodule.VolumeMm3:0} mm³");

    public static string MeanHu(FindingsNodule nodule) => Invariant($"{nodule.MeanHu:0} HU");

    public static string Center(FindingsNodule nodule) =>
        Invariant($"({nodule.CenterWorld[0]:0.0}, {nodule.CenterWorld[1]:0.0}, {nodule.CenterWorld[2]:0.0})");

    public static string Probability(double p) => Invariant($"{p * 100:0.#} %");

    public static string Type(FindingsNodule nodule) => nodule.Characterization?.Type is { Length: > 0 } t ? t : NotAssessed;

    public static string LungRads(FindingsNodule nodule) =>
        nodule.Characterization?.LungRadsCategory is { Length: > 0 } c ? c : NotAssessed;

    public static string Brock(FindingsNodule nodule) =>
        nodule.Characterization?.BrockProbability is { } p ? Probability(p) : NotAssessed;

    /// <summary>A ratio as a percentage with one decimal, e.g. 0.1234 as "12.3 %".</summary>
    public static string Percent(double? fraction) => fraction is { } f ? Probability(f) : NotAssessed;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A change status of findings.json in words: "growing", "slowly growing", "stable", "shrinking", "new", "not assessed".</summary>
    public static string ChangeStatus(string status) => status switch
    {
        "slowGrowing" => "slowly growing",
        "notAssessed" => NotAssessed,
        _ => status,
    };

    /// <summary>The prior-to-current change of a paired nodule, e.g. "4.1 → 6.0 mm (+1.9 mm), volume +210 %, VDT 95 days".</summary>
    public static string Change(FindingsNodule nodule)
    {
        if (nodule.Prior is not { } p)
        {
            return NotAssessed;
        }

        if (p.PriorMeanDiameterMm is not { } before)
        {
            return "not seen on the prior exam";
        }

        var parts = new List<string> { Invariant($"{before:0.0} → {nodule.MeanDiameterMm:0.0} mm ({nodule.MeanDiameterMm - before:+0.0;−0.0;0.0} mm)") };
        if (p.VolumeChangePercent is { } volume)
        {
            parts.Add(Invariant($"volume {volume:+0;−0;0} %"));
        }

        if (p.VolumeDoublingTimeDays is { } vdt && double.IsFinite(vdt) && vdt > 0)
        {
            parts.Add(Invariant($"VDT {vdt:0} days"));
        }

        return string.Join(", ", parts);
    }
}
