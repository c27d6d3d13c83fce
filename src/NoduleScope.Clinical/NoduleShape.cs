using System.Text.Json.Serialization;

namespace NoduleScope.Clinical;

/// <summary>Shape of a nodule as far as the perifissural (juxtapleural) rule needs it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoduleShape>))]
public enum NoduleShape
{
    Unspecified,
    Round,
    Oval,
    Lentiform,
    Triangular,
    Irregular,
}
