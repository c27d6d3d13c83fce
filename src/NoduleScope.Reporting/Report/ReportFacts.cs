using System.Globalization;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Reporting.Report;

/// <summary>
/// The label–value lists both reports show (patient, exam guidance, per-nodule details, input, software), so that
/// HTML and PDF say the same things. Values are plain text; each writer escapes them for its format.
/// </summary>
public static class ReportFacts
{
    public static IReadOnlyList<(string Label, string Value)> Patient(ReportContent content)
    {
        var s = content.Source;
        if (s is null)
        {
            return [("Patient", "not available: the input is not DICOM")];
        }

        return
        [
            ("Patient", PersonName(s.PatientName) ?? "—"),
            ("Patient ID", s.PatientId ?? "—"),
            ("Birth date", Date(s.PatientBirthDate) ?? "—"),
            ("Sex", s.PatientSex ?? "—"),
            ("Age", s.PatientAge ?? "—"),
            ("Study date", Date(s.StudyDate) ?? "—"),
            ("Accession", s.AccessionNumber ?? "—"),
            ("Study", s.StudyDescription ?? "—"),
            ("Series", content.SeriesDescription is { Length: > 0 } d ? d : "—"),
        ];
    }

    public static string Summary(FindingsDocument d) => string.Create(CultureInfo.InvariantCulture,
        $"{d.Findings.Count} nodule(s) reported at detection threshold {d.Threshold:0.###}, from {d.CandidateCount} candidates. Lung volumes: {d.Lungs.RightVolumeMl:0} mL right, {d.Lungs.LeftVolumeMl:0} mL left.");

    public static IReadOnlyList<(string Label, string Value)> Guidance(FindingsDocument d)
    {
        var g = d.Guidance;
        if (g is null)
        {
            return [("Guidance", "not assessed: the findings have not been characterised (type, risk and guideline categories)")];
        }

        return
        [
            ("Lung-RADS v2022 (exam)", g.LungRadsCategory ?? ReportText.NotAssessed),
            ("Lung-RADS management", g.LungRadsManagement ?? ReportText.NotAssessed),
            ("Fleischner 2017", g.FleischnerRecommendation ?? ReportText.NotAssessed),
        ];
    }

    /// <summary>The patient inputs and reasons behind the exam guidance (empty before characterisation).</summary>
    public static IReadOnlyList<(string Label, string Value)> GuidanceInputs(FindingsDocument d) =>
        d.Guidance is { } g ? [.. g.Inputs.Select(kv => (Label(kv.Key), kv.Value))] : [];

    /// <summary>Details of one nodule beyond the findings table.</summary>
    public static IReadOnlyList<(string Label, string Value)> Nodule(FindingsNodule n)
    {
        var facts = new List<(string, string)>
        {
            ("Location", ReportText.Location(n)),
            ("Long × short axis", ReportText.Axes(n)),
            ("Mean diameter", ReportText.MeanDiameter(n)),
            ("Volume", ReportText.Volume(n)),
            ("Mean / max density", string.Create(CultureInfo.InvariantCulture, $"{n.MeanHu:0} / {n.MaxHu:0} HU")),
            ("Solid component", string.Create(CultureInfo.InvariantCulture, $"{n.SolidMeanDiameterMm:0.0} mm mean diameter, {n.SolidVolumeMm3:0} mm³")),
            ("Centre (LPS mm)", ReportText.Center(n)),
            ("Detection probability", ReportText.Probability(n.Probability)),
        };
        if (n.Characterization is { } c)
        {
            facts.Add(("Type", c.Type));
            facts.Add(("Brock probability", ReportText.Percent(c.BrockProbability)));
            if (c.MalignancyScore is { } score)
            {
                facts.Add(("Malignancy score", ReportText.Probability(score)));
            }

            facts.Add(("Lung-RADS category", c.LungRadsCategory ?? ReportText.NotAssessed));
            if (c.LungRadsManagement is { Length: > 0 } management)
            {
                facts.Add(("Lung-RADS management", management));
            }

            if (c.FleischnerRecommendation is { Length: > 0 } fleischner)
            {
                facts.Add(("Fleischner 2017", fleischner));
            }

            AddFlag(facts, "Calcified", c.Calcified, c.BenignCalcification is true ? " (benign pattern)" : string.Empty);
            AddFlag(facts, "Spiculated", c.Spiculated, string.Empty);
            AddFlag(facts, "Ill-defined margin", c.IllDefinedMargin, c.EdgeWidthMm is { } edge ? string.Create(CultureInfo.InvariantCulture, $" (edge width {edge:0.0} mm)") : string.Empty);
            AddFlag(facts, "Juxtapleural", c.Juxtapleural, string.Empty);
            AddFlag(facts, "Perifissural", c.Perifissural, string.Empty);
        }
        else
        {
            facts.Add(("Type, risk, categories", ReportText.NotAssessed));
        }

        return facts;
    }

    /// <summary>The inputs and reasons behind a nodule's characterisation (empty before characterisation).</summary>
    public static IReadOnlyList<(string Label, string Value)> NoduleInputs(FindingsNodule n) =>
        n.Characterization is { } c ? [.. c.Inputs.Select(kv => (Label(kv.Key), kv.Value))] : [];

    public static IReadOnlyList<(string Label, string Value)> Input(FindingsDocument d)
    {
        var i = d.Input;
        return
        [
            ("Path", i.Path),
            ("Study UID", i.StudyInstanceUid ?? "—"),
            ("Series UID", i.SeriesInstanceUid ?? "—"),
            ("Frame of reference UID", i.FrameOfReferenceUid ?? "—"),
            ("Size (voxels)", string.Join(" × ", i.Size.Select(v => v.ToString(CultureInfo.InvariantCulture)))),
            ("Spacing (mm)", string.Join(" × ", i.Spacing.Select(v => v.ToString("0.###", CultureInfo.InvariantCulture)))),
        ];
    }

    public static IReadOnlyList<(string Label, string Value)> Software(ReportContent content)
    {
        var s = content.Document.Software;
        var facts = new List<(string, string)>
        {
            ("Software", $"{s.Name} {s.Version}"),
            ("Scorer", $"{s.Scorer} ({s.ScorerHash})"),
            ("Candidate ranking", s.Ranker ?? "not recorded"),
            ("Report made", content.Created.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)),
        };
        if (content.Document.Stages.Count > 0)
        {
            facts.Add(("Stages", string.Join(", ", content.Document.Stages.Select(st => string.Create(CultureInfo.InvariantCulture, $"{st.Name} {st.Seconds:0.0} s")))));
        }

        return facts;
    }

    /// <summary>DICOM PN "Family^Given^Middle" as "Family, Given Middle".</summary>
    public static string? PersonName(string? pn)
    {
        if (string.IsNullOrWhiteSpace(pn))
        {
            return null;
        }

        string[] parts = pn.Split('=')[0].Split('^');
        string given = string.Join(' ', parts.Skip(1).Take(2).Where(p => p.Length > 0));
        return given.Length > 0 ? $"{parts[0]}, {given}" : parts[0];
    }

    /// <summary>DICOM DA "YYYYMMDD" as "YYYY-MM-DD"; other text unchanged.</summary>
    public static string? Date(string? da) =>
        string.IsNullOrWhiteSpace(da) ? null : da.Length == 8 && da.All(char.IsAsciiDigit) ? $"{da[..4]}-{da[4..6]}-{da[6..]}" : da;

    /// <summary>"lung_rads_reason" as "Lung rads reason": the keys of findings.json read as labels.</summary>
    private static string Label(string key)
    {
        string text = key.Replace('_', ' ');
        return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static void AddFlag(List<(string, string)> facts, string label, bool? value, string suffix)
    {
        if (value is { } v)
        {
            facts.Add((label, (v ? "yes" : "no") + suffix));
        }
    }
}
