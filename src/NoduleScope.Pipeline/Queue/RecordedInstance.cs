namespace NoduleScope.Pipeline.Queue;

/// <summary>The result of recording one instance: its study's opaque id and what changed.</summary>
/// <param name="ReopenedStudy">The study had been closed: this late instance reopened it, so it will be processed again.</param>
public sealed record RecordedInstance(string StudyId, InstanceOutcome Outcome, bool ReopenedStudy);
