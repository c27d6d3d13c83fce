using System.Text.Json.Serialization;

namespace NoduleScope.Clinical.Comparison;

[JsonConverter(typeof(JsonStringEnumConverter<NoduleSource>))]
public enum NoduleSource
{
    /// <summary>A finding of that exam (detection, or a findings.json given for it).</summary>
    Finding,

    /// <summary>Not a finding of that exam: segmented where the other exam's nodule maps (a nodule detection missed,
    /// usually below the detection threshold).</summary>
    Refound,
}
