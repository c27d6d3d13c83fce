using System.Text.Json.Serialization;

namespace NoduleScope.Clinical;

/// <summary>The clinician's low/high lung-cancer risk judgement (smoking, exposure, family history) used by Fleischner.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RiskLevel>))]
public enum RiskLevel
{
    Low,
    High,
}
