using System.Text.Json.Serialization;

namespace NoduleScope.Clinical;

/// <summary>Attenuation type of a nodule.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoduleType>))]
public enum NoduleType
{
    Solid,
    PartSolid,

    /// <summary>Pure ground-glass nodule (GGN).</summary>
    NonSolid,
}
