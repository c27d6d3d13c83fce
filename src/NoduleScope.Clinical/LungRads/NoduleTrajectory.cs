using System.Text.Json.Serialization;

namespace NoduleScope.Clinical.LungRads;

/// <summary>A nodule's course between exams, which selects the Lung-RADS rows that apply.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoduleTrajectory>))]
public enum NoduleTrajectory
{
    Baseline,

    /// <summary>Not on the prior exam (part-solid: also a new solid component in a previously non-solid nodule).</summary>
    New,

    /// <summary>On the prior exam and not growing by the Lung-RADS definition (includes slow growth).</summary>
    Stable,

    /// <summary>Growing by the Lung-RADS definition (part-solid: the solid component).</summary>
    Growing,

    /// <summary>Follow-up exam, but no usable prior measurement: baseline rows are used.</summary>
    PriorUnknown,
}
