using System.Text.Json.Serialization;

namespace NoduleScope.Clinical.Comparison;

/// <summary>What happened to a nodule between the prior and the current exam.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PairStatus>))]
public enum PairStatus
{
    /// <summary>Growth by the Lung-RADS definition (mean diameter up by more than 1.5 mm, and beyond measurement noise,
    /// within 12 months; part-solid: the solid component).</summary>
    Growing,

    /// <summary>Larger beyond the threshold, but by no more than 1.5 mm per 12 months over a longer interval.</summary>
    SlowGrowing,

    /// <summary>Neither growing nor smaller beyond measurement noise.</summary>
    Stable,

    /// <summary>Smaller beyond measurement noise in both diameter and volume.</summary>
    Shrinking,

    /// <summary>On the current exam only.</summary>
    New,

    /// <summary>On the prior exam only.</summary>
    Resolved,

    /// <summary>Paired, but a size needed for the growth call is missing.</summary>
    NotAssessed,
}
