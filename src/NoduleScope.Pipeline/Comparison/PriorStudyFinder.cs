using NoduleScope.Clinical.Comparison;
using NoduleScope.Clinical.Comparison.Document;
using NoduleScope.Dicom;
using NoduleScope.Imaging;
using NoduleScope.Pipeline.Processing;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Storage;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Pipeline.Comparison;

/// <summary>
/// Finds, for a study a worker is processing, the patient's latest earlier processed study (same PatientID, earlier
/// StudyDate) through the queue, and loads it from the storage root: its stored instances and its findings.json. With a
/// <see cref="PacsPriorFetcher"/>, a newest study whose patient has no earlier study here asks the PACS for one.
/// </summary>
public sealed class PriorStudyFinder(IJobQueue queue, StorageRoot storage, PacsPriorFetcher? fetcher = null)
{
    /// <summary>Records the study's patient and date, then returns its prior; null when there is none or the study has no PatientID or StudyDate.</summary>
    public async Task<PriorStudy?> RecordAndFindAsync(ClaimedJob job, CtVolume volume, List<string> warnings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(warnings);
        string? patient = PatientKeys.From(volume.Source.PatientId);
        DateOnly? date = DicomDate.Parse(volume.Source.StudyDate);
        if (patient is null || date is null)
        {
            warnings.Add("no comparison with prior exams: the study has no " + (patient is null ? "PatientID" : "StudyDate"));
            return null;
        }

        await queue.RecordExamAsync(job.StudyId, job.JobId, patient, date.Value, cancellationToken).ConfigureAwait(false);
        var exam = await queue.FindPriorExamAsync(patient, date.Value, job.StudyId, cancellationToken).ConfigureAwait(false);
        if (exam is null && fetcher is not null && await queue.FindNextExamAsync(patient, date.Value, job.StudyId, cancellationToken).ConfigureAwait(false) is null)
        {
            // Only for the patient's newest exam: a prior fetched for it must not fetch its own prior in turn.
            warnings.Add(await fetcher.RequestAsync(volume.Source.PatientId!, date.Value, cancellationToken).ConfigureAwait(false));
        }

        if (exam?.ResultPath is null)
        {
            return null;
        }

        string findingsPath = Path.Combine(storage.Resolve(exam.ResultPath), StudyProcessor.FindingsFileName);
        if (!File.Exists(findingsPath))
        {
            warnings.Add($"no comparison with the prior study {exam.StudyId}: its results have no findings.json");
            return null;
        }

        var instances = (await queue.GetJobInstancePathsAsync(exam.JobId, cancellationToken).ConfigureAwait(false)).Select(storage.Resolve).ToList();
        var loaded = StoredSeriesLoader.Load(instances, cancellationToken);
        loaded.Volume.ClampBelowAir();
        return new PriorStudy(exam.StudyId, exam.JobId, exam.StudyDate, loaded.Volume, FindingsJson.Read(findingsPath), loaded.Warnings);
    }

    /// <summary>
    /// After <paramref name="job"/> is done: when the patient's next later study was processed without this one as its
    /// prior (it arrived first, or was compared with an older one), queues that study again to be compared with this
    /// one. Returns the new job's id, or null when nothing needed doing.
    /// </summary>
    public async Task<string?> RequeueNextExamAsync(ClaimedJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var exam = await queue.GetExamAsync(job.StudyId, cancellationToken).ConfigureAwait(false);
        if (exam is null || exam.JobId != job.JobId)
        {
            return null;
        }

        var next = await queue.FindNextExamAsync(exam.PatientKey, exam.StudyDate, job.StudyId, cancellationToken).ConfigureAwait(false);
        if (next?.ResultPath is null)
        {
            return null;
        }

        string comparisonPath = Path.Combine(storage.Resolve(next.ResultPath), StudyComparer.ComparisonFileName);
        if (File.Exists(comparisonPath) && ComparisonJson.Read(comparisonPath).Prior.Path == "study/" + job.StudyId)
        {
            return null;
        }

        return await queue.RequeueForPriorAsync(next.StudyId, job.StudyId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user's pairings for the study (REST API), or none; an unreadable file is left out with a warning.</summary>
    public IReadOnlyList<PairOverride> PairOverrides(string studyId, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        string path = storage.PairOverridesFile(studyId);
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            return PairOverridesFile.Read(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            warnings.Add("the user's pairings were left out: " + e.Message);
            return [];
        }
    }

}
