using System.Text.Json.Serialization;

namespace NoduleScope.Clinical.Comparison;

/// <summary>Whether a size change exceeds repeat-measurement noise in both diameter and volume.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoiseBoundChange>))]
public enum NoiseBoundChange
{
    Increased,
    WithinNoise,
    Decreased,
}
