using System.Text.Json.Serialization;

namespace NoduleScope.Clinical.Comparison;

/// <summary>How a pair was made.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MatchMethod>))]
public enum MatchMethod
{
    /// <summary>Both nodules were findings; paired by registered distance.</summary>
    Automatic,

    /// <summary>Given by the user (a pairs file or the review page).</summary>
    User,

    /// <summary>The current finding had no partner; the nodule was found on the prior exam by segmenting where it maps.</summary>
    RefoundOnPrior,

    /// <summary>The prior finding had no partner; the nodule was found on the current exam where it maps.</summary>
    RefoundOnCurrent,

    /// <summary>No partner: a new or resolved nodule.</summary>
    Unpaired,
}
