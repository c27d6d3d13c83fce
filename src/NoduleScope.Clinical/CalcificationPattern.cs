using System.Text.Json.Serialization;

namespace NoduleScope.Clinical;

/// <summary>Calcification of a nodule and whether its pattern is benign.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CalcificationPattern>))]
public enum CalcificationPattern
{
    None,

    /// <summary>Complete (diffuse), central, popcorn or concentric (laminated) calcification.</summary>
    Benign,

    /// <summary>Calcification in any other pattern (eccentric, stippled, amorphous); not a benign feature.</summary>
    Other,
}
