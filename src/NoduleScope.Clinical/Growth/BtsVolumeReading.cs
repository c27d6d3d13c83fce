using System.Text.Json.Serialization;

namespace NoduleScope.Clinical.Growth;

/// <summary>The British Thoracic Society reading of a volume change and its doubling time.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BtsVolumeReading>))]
public enum BtsVolumeReading
{
    /// <summary>Volume change under 25 %.</summary>
    Stable,

    /// <summary>Volume down by 25 % or more.</summary>
    Decreased,

    /// <summary>Growing with VDT &lt; 30 days.</summary>
    SuggestsInfectionOrInflammation,

    /// <summary>Growing with VDT ≤ 400 days: work-up.</summary>
    Suspicious,

    /// <summary>Growing with VDT over 400 and up to 600 days.</summary>
    BiopsyOrSurveillance,

    /// <summary>Growing with VDT over 600 days.</summary>
    ConsiderStoppingSurveillance,
}
