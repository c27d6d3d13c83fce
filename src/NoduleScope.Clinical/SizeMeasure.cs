using System.Text.Json.Serialization;

namespace NoduleScope.Clinical;

/// <summary>Which size a guideline threshold was compared against.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SizeMeasure>))]
public enum SizeMeasure
{
    /// <summary>Mean of the long and perpendicular short axis, mm.</summary>
    MeanDiameter,

    /// <summary>Volume, mm³, against the guideline's sphere-equivalent volume thresholds.</summary>
    Volume,
}
