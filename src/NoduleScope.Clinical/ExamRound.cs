using System.Text.Json.Serialization;

namespace NoduleScope.Clinical;

/// <summary>Whether the exam is the first one (baseline) or is compared with a prior exam (follow-up).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExamRound>))]
public enum ExamRound
{
    Baseline,
    FollowUp,
}
