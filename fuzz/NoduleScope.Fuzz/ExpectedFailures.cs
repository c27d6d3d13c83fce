using NoduleScope.Dicom;

namespace NoduleScope.Fuzz;

/// <summary>The typed errors that are a correct answer to bad input; every other exception is a finding.</summary>
internal static class ExpectedFailures
{
    public static bool IsTypedDicomError(Exception e) => e is DicomException or DicomNotSupportedException;
}
