using System.Text.Json.Serialization;

namespace NoduleScope.Clinical.LungRads;

/// <summary>Lung-RADS v2022 categories in increasing order of suspicion (4X ranks highest for the exam category).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LungRadsCategory>))]
public enum LungRadsCategory
{
    Category1,
    Category2,
    Category3,
    Category4A,
    Category4B,

    /// <summary>A category 3 or 4 nodule with additional suspicious features.</summary>
    Category4X,
}
