using System.Security.Cryptography;
using System.Text;

namespace NoduleScope.Pipeline.Comparison;

/// <summary>
/// The key the queue matches a patient's studies by: a SHA-256 of the PatientID (trimmed), so the queue database never
/// holds the ID itself. Studies without a PatientID have no key and are never compared automatically.
/// </summary>
public static class PatientKeys
{
    public static string? From(string? patientId)
    {
        string? id = patientId?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("nodulescope-patient\0" + id)));
    }
}
