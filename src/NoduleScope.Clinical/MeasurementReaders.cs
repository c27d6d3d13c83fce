using System.Text.Json.Serialization;

namespace NoduleScope.Clinical;

/// <summary>Who measured the prior and the current exam; decides the repeat-measurement noise bound for growth.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeasurementReaders>))]
public enum MeasurementReaders
{
    /// <summary>Same reader (or the same software) on both exams: noise about ±1.3 mm.</summary>
    SameReader,

    /// <summary>Different readers: noise about ±2.2 mm.</summary>
    DifferentReaders,
}
