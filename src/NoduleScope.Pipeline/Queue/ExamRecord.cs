namespace NoduleScope.Pipeline.Queue;

/// <summary>
/// A processed study's place in its patient's history, for finding the prior exam to compare with.
/// <see cref="PatientKey"/> is a hash of the PatientID (<see cref="Comparison.PatientKeys"/>), never the ID itself;
/// <see cref="ResultPath"/> is the result folder of the study's latest completed job, relative to the storage root.
/// </summary>
public sealed record ExamRecord(string StudyId, string JobId, string PatientKey, DateOnly StudyDate, string? ResultPath);
