using NoduleScope.Pipeline.Queue;

namespace NoduleScope.Service.Api;

/// <summary>Turns queue records into API answers.</summary>
internal static class ApiViews
{
    public static JobSummary Job(JobRecord j) => new(
        j.Id, j.StudyId, j.ModelVersion, StateNames.Of(j.State), j.Attempts, j.MaxAttempts, j.CreatedAt, j.UpdatedAt, j.AvailableAt,
        j.LeaseOwner, j.LeaseExpiresAt, j.InstanceCount, j.LastError, j.DuplicateOf);

    public static StudySummary Study(StudyRecord s, JobRecord? latest) => new(
        s.Id, s.StudyInstanceUid, StateNames.Of(s.State), s.FirstReceivedAt, s.LastReceivedAt, s.ClosedAt, s.InstanceCount, s.Revision, latest is null ? null : Job(latest));

    public static JobEventView Event(JobEvent e) => new(e.At, e.From is { } f ? StateNames.Of(f) : null, StateNames.Of(e.To), e.Actor, e.Detail);
}
