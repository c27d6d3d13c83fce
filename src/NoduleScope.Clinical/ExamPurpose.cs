using System.Text.Json.Serialization;

namespace NoduleScope.Clinical;

/// <summary>Why the CT was done; decides whether Lung-RADS (screening) or Fleischner (incidental) applies.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExamPurpose>))]
public enum ExamPurpose
{
    Unknown,
    LungCancerScreening,

    /// <summary>Any CT that is not a screening exam; its nodules are incidental findings.</summary>
    Diagnostic,
}
