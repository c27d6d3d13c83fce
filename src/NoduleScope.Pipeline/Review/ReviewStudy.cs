using NoduleScope.Clinical;
using NoduleScope.Clinical.Comparison.Document;
using NoduleScope.Detection.Lungs;
using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Pipeline.Comparison;
using NoduleScope.Pipeline.Processing;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Pipeline.Review;

/// <summary>One study under review: the results folder, its findings, the CT volume they were found on (clamped below
/// air, as detection saw it; loaded on first use) and the audit trail, which also holds the findings reviewers added. The
/// report regenerated from the decisions is written under the results folder.</summary>
public sealed class ReviewStudy
{
    /// <summary>The id <c>nodulescope review</c> gives its one study; it carries no patient data.</summary>
    public const string LocalId = "local";

    private readonly Lock reportGate = new();
    private readonly Lock addGate = new();
    private readonly Lazy<CtVolume> volume;
    private readonly Lazy<LungSegmentation> lungs;
    private readonly Lazy<DicomDataset?> sourceHeader;
    private readonly Lazy<ComparisonDocument?> comparison;

    /// <param name="id">The id URLs use: opaque, never patient data.</param>
    /// <param name="loadVolume">Reads the analysed CT, clamped below air, with the grid of <paramref name="findings"/>.</param>
    public ReviewStudy(string id, string resultsFolder, FindingsDocument findings, Func<CtVolume> loadVolume, ReviewTrail trail)
    {
        ArgumentNullException.ThrowIfNull(loadVolume);
        Id = id;
        ResultsFolder = resultsFolder;
        Findings = findings;
        Trail = trail;
        volume = new Lazy<CtVolume>(loadVolume, LazyThreadSafetyMode.ExecutionAndPublication);
        lungs = new Lazy<LungSegmentation>(() => new LungSegmenter().Segment(volume.Value), LazyThreadSafetyMode.ExecutionAndPublication);
        // Null for NIfTI/MetaImage input (no SR then) or when the source instance cannot be read again.
        sourceHeader = new Lazy<DicomDataset?>(() => SourceHeaderReader.Read(volume.Value, []), LazyThreadSafetyMode.ExecutionAndPublication);
        comparison = new Lazy<ComparisonDocument?>(() =>
        {
            string path = Path.Combine(resultsFolder, StudyComparer.ComparisonFileName);
            return File.Exists(path) ? ComparisonJson.Read(path) : null;
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public ReviewStudy(string resultsFolder, FindingsDocument findings, CtVolume volume, ReviewTrail trail)
        : this(LocalId, resultsFolder, findings, () => volume, trail)
    {
    }

    public string Id { get; }

    public string ResultsFolder { get; }

    public FindingsDocument Findings { get; }

    /// <summary>The analysed CT; reading it is what makes opening a study in the service take a moment.</summary>
    public CtVolume Volume => volume.Value;

    /// <summary>Whether <see cref="Volume"/> has been read (a cache may drop studies whose volume it holds).</summary>
    public bool VolumeLoaded => volume.IsValueCreated;

    /// <summary>Axial slices of the analysed CT, from findings.json (no need to read the CT).</summary>
    public int SliceCount => Findings.Input.Size.Length == 3 ? Findings.Input.Size[2] : 0;

    public ReviewTrail Trail { get; }

    /// <summary>The comparison with the prior exam made with these results (comparison.json), or null when there was none.</summary>
    public ComparisonDocument? Comparison => comparison.Value;

    public string ReportPath => Path.Combine(ResultsFolder, ReviewedReport.FolderName, "report.html");

    public string SrPath => ReviewedReport.SrPath(ResultsFolder);

    /// <summary>Whether the analysed CT is DICOM, so that the regenerated report comes with an SR.</summary>
    public bool HasSr => sourceHeader.Value is not null;

    /// <summary>The findings of detect followed by those reviewers added.</summary>
    public IReadOnlyList<FindingsNodule> AllFindings => [.. Findings.Findings, .. ReviewTrail.AddedFindings(Trail.Actions)];

    /// <summary>Writes reviewed/report.html and, for DICOM input, reviewed/dicom/SR.dcm from the current decisions (one
    /// writer at a time).</summary>
    public string RegenerateReport()
    {
        lock (reportGate)
        {
            return ReviewedReport.Write(Findings with { Findings = AllFindings }, ReviewTrail.Decisions(Trail.Actions), Volume, sourceHeader.Value, ResultsFolder);
        }
    }

    /// <summary>The regenerated SR (written first if the review has not written it yet); null for non-DICOM input.</summary>
    public byte[]? ReadSr()
    {
        if (!HasSr)
        {
            return null;
        }

        lock (reportGate)
        {
            if (!File.Exists(SrPath))
            {
                ReviewedReport.Write(Findings with { Findings = AllFindings }, ReviewTrail.Decisions(Trail.Actions), Volume, sourceHeader.Value, ResultsFolder);
            }

            return File.ReadAllBytes(SrPath);
        }
    }

    /// <summary>
    /// Segments and characterises the nodule at <paramref name="point"/> (LPS mm) as <c>characterize --at</c> does
    /// (no patient options: age and sex from the DICOM header, purpose unknown), adds it under the next free id as found
    /// by <paramref name="user"/>, and regenerates the report. Null when nothing denser than lung is there.
    /// </summary>
    public FindingsNodule? AddMissedNodule(Vector3D point, string user)
    {
        lock (addGate)
        {
            int id = AllFindings.Select(f => f.Id).DefaultIfEmpty(0).Max() + 1;
            var nodule = NoduleAtPoint.Characterize(Volume, () => lungs.Value, point, id, PatientContext.Unknown, ExamPurpose.Unknown);
            if (nodule is null)
            {
                return null;
            }

            Trail.Append(new ReviewAction { FindingId = id, Action = "add", User = user, Time = DateTimeOffset.UtcNow, PointMm = [point.X, point.Y, point.Z], Finding = nodule });
            RegenerateReport();
            return nodule;
        }
    }

    /// <summary>"pending", "in review" or "reviewed", as the worklist shows it.</summary>
    public string Status()
    {
        var decisions = ReviewTrail.Decisions(Trail.Actions);
        var all = AllFindings;
        int decided = all.Count(f => decisions.GetValueOrDefault(f.Id)?.Status is not null);
        return decided == 0 ? "pending" : decided < all.Count ? "in review" : "reviewed";
    }

    /// <summary>The highest Lung-RADS category among the findings not rejected (null when none has one).</summary>
    public string? HighestLungRads()
    {
        var decisions = ReviewTrail.Decisions(Trail.Actions);
        string[] order = ["2", "3", "4A", "4B", "4X"];
        return AllFindings
            .Where(f => decisions.GetValueOrDefault(f.Id)?.Status != "reject")
            .Select(f => f.Characterization?.LungRadsCategory)
            .OfType<string>()
            .OrderByDescending(c => Array.IndexOf(order, c))
            .FirstOrDefault();
    }
}
