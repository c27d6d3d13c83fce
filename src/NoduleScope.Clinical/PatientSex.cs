using System.Text.Json.Serialization;

namespace NoduleScope.Clinical;

/// <summary>Patient sex as the Brock model uses it; DICOM "O" (other) and absent values are unknown (null).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PatientSex>))]
public enum PatientSex
{
    Male,
    Female,
}
