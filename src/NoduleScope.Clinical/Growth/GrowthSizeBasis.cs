using System.Text.Json.Serialization;

namespace NoduleScope.Clinical.Growth;

/// <summary>What the diameters compared for growth were.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GrowthSizeBasis>))]
public enum GrowthSizeBasis
{
    MeanDiameter,

    /// <summary>Diameters of spheres with the measured volumes (no diameter was given on either exam).</summary>
    SphereEquivalentDiameter,

    /// <summary>A mean diameter on one exam, a sphere-equivalent diameter on the other.</summary>
    Mixed,
}
