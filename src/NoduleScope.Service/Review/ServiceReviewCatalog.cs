using System.Collections.Concurrent;
using System.Globalization;
using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Series;
using NoduleScope.Pipeline.Processing;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Review;
using NoduleScope.Pipeline.Storage;
using NoduleScope.Reporting.Findings;
using NoduleScope.Service.Api;

namespace NoduleScope.Service.Review;

/// <summary>
/// The service's studies for the review page: every study with results, each reviewed on the results of its latest
/// processing (the regenerated report and SR go to that job's folder, under reviewed/) with one audit trail per study
/// (overrides/&lt;study&gt;/review.json), which survives the study being processed again. The CTs of the most recently
/// opened studies stay in memory so that a reviewer can go back and forth without reading them again.
/// </summary>
public sealed class ServiceReviewCatalog(IJobQueue queue, StorageRoot storage) : IReviewCatalog
{
    /// <summary>Worklist length: the most recently received studies.</summary>
    public const int WorklistLimit = 200;

    /// <summary>Studies whose CT is kept in memory (a 512 × 512 × 300 series takes 150 MB).</summary>
    public const int LoadedVolumes = 2;

    private const int CachedStudies = 16;

    private readonly ConcurrentDictionary<string, ReviewTrail> trails = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> labels = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly LinkedList<ReviewStudy> recent = new();

    public async Task<IReadOnlyList<ReviewWorklistEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var entries = new List<ReviewWorklistEntry>();
        foreach (var record in await queue.ListStudiesAsync(WorklistLimit, 0, cancellationToken).ConfigureAwait(false))
        {
            var job = await ResultFiles.LatestResultJobAsync(queue, record.Id, cancellationToken).ConfigureAwait(false);
            if (job is null || Open(record.Id, job) is not { } study)
            {
                continue;
            }

            entries.Add(new ReviewWorklistEntry(study, await LabelAsync(record, job, cancellationToken).ConfigureAwait(false)));
        }

        return entries;
    }

    public async Task<ReviewStudy?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!ApiEndpoints.IsId(id))
        {
            return null;
        }

        var job = await ResultFiles.LatestResultJobAsync(queue, id, cancellationToken).ConfigureAwait(false);
        return job is null ? null : Open(id, job);
    }

    public string? PairOverridesFile(string id) => ApiEndpoints.IsId(id) ? storage.PairOverridesFile(id) : null;

    private ReviewStudy? Open(string studyId, JobRecord job)
    {
        string folder = storage.Resolve(job.ResultPath!);
        lock (gate)
        {
            if (Cached(studyId, folder) is { } cached)
            {
                return cached;
            }
        }

        string findingsPath = Path.Combine(folder, StudyProcessor.FindingsFileName);
        if (!File.Exists(findingsPath))
        {
            return null;
        }

        var findings = FindingsJson.Read(findingsPath);
        var trail = trails.GetOrAdd(studyId, id => ReviewTrail.Open(storage.ReviewTrailFile(id)));
        lock (gate)
        {
            // Another request may have opened it meanwhile: one object per study, so its CT is read once.
            if (Cached(studyId, folder) is { } cached)
            {
                return cached;
            }

            var study = new ReviewStudy(studyId, folder, findings, () => LoadVolume(job.Id, findings), trail);
            recent.AddFirst(study);
            int loaded = 0;
            for (var node = recent.First; node is not null;)
            {
                var next = node.Next;
                bool holdsVolume = node.Value.VolumeLoaded && ++loaded > LoadedVolumes;
                if (holdsVolume || (recent.Count > CachedStudies && next is null))
                {
                    recent.Remove(node);
                }

                node = next;
            }

            return study;
        }
    }

    /// <summary>The cached study for these results, moved to the front; call under the gate.</summary>
    private ReviewStudy? Cached(string studyId, string folder)
    {
        for (var node = recent.First; node is not null; node = node.Next)
        {
            if (node.Value.Id == studyId && node.Value.ResultsFolder == folder)
            {
                recent.Remove(node);
                recent.AddFirst(node);
                return node.Value;
            }
        }

        return null;
    }

    private CtVolume LoadVolume(string jobId, FindingsDocument findings)
    {
        var paths = queue.GetJobInstancePathsAsync(jobId).GetAwaiter().GetResult().Select(storage.Resolve).ToList();
        var loaded = StoredSeriesLoader.Load(paths);
        var v = loaded.Volume;
        int[] size = findings.Input.Size;
        if (v.SizeX != size[0] || v.SizeY != size[1] || v.SizeZ != size[2])
        {
            throw new StudyInputException($"the stored series has {v.SizeX} x {v.SizeY} x {v.SizeZ} voxels, the findings were made on {string.Join(" x ", size)}");
        }

        // As detection saw it: padding below air is air (segmenting an added nodule needs the same volume).
        v.ClampBelowAir();
        return v;
    }

    /// <summary>Patient, date and description from one stored instance of the analysed series, for the reviewer's eyes
    /// (the response body only, never a URL or a log); the receive time when the instance cannot be read.</summary>
    private async Task<string> LabelAsync(StudyRecord record, JobRecord job, CancellationToken cancellationToken)
    {
        if (labels.TryGetValue(job.Id, out string? cached))
        {
            return cached;
        }

        string label = "Study received " + record.FirstReceivedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var paths = await queue.GetJobInstancePathsAsync(job.Id, cancellationToken).ConfigureAwait(false);
        if (paths.Count > 0)
        {
            try
            {
                var source = new InstanceSource(storage.Resolve(paths[0]));
                if (InstanceHeaderReader.FromFile(source.Read(InstanceHeaderReader.HeaderOptions), source, out _) is { } h)
                {
                    string name = h.PatientName.Replace('^', ' ').Trim();
                    string date = DicomDate.Parse(h.StudyDate) is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "no date";
                    string[] parts = [name.Length > 0 ? name : "(no name)", h.PatientId.Length > 0 ? h.PatientId : "(no ID)", date, h.StudyDescription];
                    label = string.Join(" · ", parts.Where(p => p.Length > 0));
                }
            }
            catch (Exception e) when (e is DicomException or IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
            {
                // Keep the receive time: the worklist must open even when one instance is unreadable.
            }
        }

        labels[job.Id] = label;
        return label;
    }
}
