using NoduleScope.Clinical.Comparison;
using NoduleScope.Pipeline.Review;

namespace NoduleScope.Service.Review;

/// <summary>
/// What the review page shows of a study's comparison with its prior exam: each nodule's pairing (automatic or the
/// user's) with its confidence and change, and the user's pairings in force (pairs.json), which the page edits.
/// </summary>
public static class ReviewComparisonView
{
    /// <summary>Null when the study was not compared with a prior exam.</summary>
    public static object? Of(ReviewStudy study, string? pairOverridesFile)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.Comparison is not { } c)
        {
            return null;
        }

        IReadOnlyList<PairOverride>? overrides = null;
        if (pairOverridesFile is not null && File.Exists(pairOverridesFile))
        {
            try
            {
                overrides = PairOverridesFile.Read(pairOverridesFile);
            }
            catch (InvalidDataException)
            {
                overrides = null;
            }
        }

        return new
        {
            priorStudyDate = c.Prior.StudyDate,
            currentStudyDate = c.Current.StudyDate,
            intervalDays = c.IntervalDays,
            lungRadsCategory = c.Summary.LungRadsCategory,
            canOverride = pairOverridesFile is not null,
            pairs = c.Pairs.Select(p => new
            {
                index = p.Index,
                status = p.Status,
                method = p.Match.Method,
                confidence = p.Match.Confidence,
                distanceMm = p.Match.DistanceMm,
                priorFindingId = p.Prior?.FindingId,
                currentFindingId = p.Current?.FindingId,
                priorMeanDiameterMm = p.Prior?.MeanDiameterMm,
                currentMeanDiameterMm = p.Current?.MeanDiameterMm,
                priorType = p.Prior?.Type,
                volumeDoublingTimeDays = p.Change?.VolumeDoublingTimeDays,
            }),
            overrides = overrides?.Select(o => new { prior = o.PriorId, current = o.CurrentId }),
        };
    }
}
