using System.Text.Json.Serialization;

namespace NoduleScope.Clinical.Growth;

[JsonConverter(typeof(JsonStringEnumConverter<GrowthCall>))]
public enum GrowthCall
{
    /// <summary>Mean diameter up by more than 1.5 mm (and beyond measurement noise) within 12 months.</summary>
    Growing,

    /// <summary>Unchanged, smaller, or an increase within the growth threshold or measurement noise.</summary>
    NotGrowing,

    /// <summary>Beyond the threshold, but at no more than 1.5 mm per 12 months (longer interval): not Lung-RADS growth.</summary>
    SlowGrowth,

    /// <summary>The prior or the current size is missing.</summary>
    NotAssessed,
}
