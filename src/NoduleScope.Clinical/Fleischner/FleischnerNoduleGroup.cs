using System.Text.Json.Serialization;

namespace NoduleScope.Clinical.Fleischner;

/// <summary>The row group of the Fleischner 2017 table a nodule falls in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FleischnerNoduleGroup>))]
public enum FleischnerNoduleGroup
{
    SingleSolid,
    MultipleSolid,
    SingleGroundGlass,
    SinglePartSolid,

    /// <summary>Multiple nodules, this one ground-glass or part-solid.</summary>
    MultipleSubsolid,
}
