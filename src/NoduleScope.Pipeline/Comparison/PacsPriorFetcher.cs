using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NoduleScope.Dicom;
using NoduleScope.Dicom.Network;
using NoduleScope.Pipeline.Queue;

namespace NoduleScope.Pipeline.Comparison;

/// <summary>
/// Asks the PACS for a patient's prior CT study when the service has none: a study-level C-FIND by PatientID for
/// studies before the current one, then a C-MOVE of the latest CT study among them to our own receiver. The prior then
/// arrives like any study, is processed, and the follow-up is compared with it then (PriorStudyFinder.RequeueNextExamAsync).
/// </summary>
public sealed class PacsPriorFetcher(DicomClientOptions pacs, string receiverAeTitle, IJobQueue queue, ILogger? logger = null)
{
    private readonly DicomClient client = new(pacs);
    private readonly ILogger log = logger ?? NullLogger.Instance;

    /// <summary>
    /// Requests the latest earlier CT study of <paramref name="patientId"/> before <paramref name="before"/>; returns a
    /// line for the findings' warnings saying what happened (requested, none found, or why it failed). Never throws for
    /// network trouble: the study's own results do not depend on it.
    /// </summary>
    public async Task<string> RequestAsync(string patientId, DateOnly before, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        try
        {
            var query = new DicomDataset()
                .AddString(DicomTags.PatientID, patientId)
                .AddString(DicomTags.StudyDate, "-" + before.AddDays(-1).ToString("yyyyMMdd", CultureInfo.InvariantCulture))
                .AddString(DicomTags.StudyInstanceUID, string.Empty)
                .AddString(DicomTags.ModalitiesInStudy, string.Empty);
            var matches = await client.FindStudiesAsync(query, cancellationToken: cancellationToken).ConfigureAwait(false);
            string? chosenUid = null;
            DateOnly chosenDate = default;
            foreach (var match in matches)
            {
                string? uid = match.GetString(DicomTags.StudyInstanceUID);
                var date = DicomDate.Parse(match.GetString(DicomTags.StudyDate));
                string[] modalities = match.GetStrings(DicomTags.ModalitiesInStudy);
                // A PACS that does not return ModalitiesInStudy is given the benefit of the doubt.
                bool ct = modalities.Length == 0 || Array.IndexOf(modalities, "CT") >= 0;
                if (uid is { Length: > 0 } && date is { } d && d < before && ct && (chosenUid is null || d > chosenDate)
                    && string.Equals(match.GetString(DicomTags.PatientID), patientId, StringComparison.Ordinal))
                {
                    (chosenUid, chosenDate) = (uid, d);
                }
            }

            if (chosenUid is null)
            {
                return $"no prior exam: the PACS has no earlier CT study of the patient ({matches.Count} studies matched the query)";
            }

            string day = chosenDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (await queue.FindStudyByUidAsync(chosenUid, cancellationToken).ConfigureAwait(false) is not null)
            {
                return $"the prior study of {day} is already here and not yet processed: the comparison follows when it is";
            }

            var moved = await client.MoveStudyAsync(chosenUid, receiverAeTitle, cancellationToken).ConfigureAwait(false);
            // No dates or identifiers in the log: they are patient data.
            log.LogInformation("prior study requested from the PACS (C-MOVE): status {Status}, {Completed} instances sent, {Failed} failed", moved.Status, moved.Completed, moved.Failed);
            return moved.Status.IsSuccess || moved.Completed > 0
                ? $"prior study of {day} retrieved from the PACS (C-MOVE, {moved.Completed} instances): the comparison follows when it is processed"
                : $"prior study of {day} found in the PACS but its C-MOVE to {receiverAeTitle} failed ({moved.Status}, {moved.Failed} failed)";
        }
        catch (DicomNetworkException e)
        {
            log.LogWarning("prior study request to the PACS failed: {Message}", e.Message);
            return "no prior exam fetched from the PACS: " + e.Message;
        }
    }
}
