using System.Text.Json.Serialization;

namespace NoduleScope.Clinical.Growth;

[JsonConverter(typeof(JsonStringEnumConverter<VolumeTrend>))]
public enum VolumeTrend
{
    /// <summary>Larger volume: positive doubling time.</summary>
    Growing,

    /// <summary>Identical volumes: the doubling time is infinite and reported as null.</summary>
    Unchanged,

    /// <summary>Smaller volume: the formula gives a negative doubling time (its magnitude is the halving time).</summary>
    Shrinking,
}
