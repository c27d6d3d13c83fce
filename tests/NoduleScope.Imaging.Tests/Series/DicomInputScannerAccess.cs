using NoduleScope.Imaging.Series;

namespace NoduleScope.Imaging.Tests.Series;

internal static class DicomInputScannerAccess
{
    public static string? Resolve(string root, string[] components) => DicomInputScanner.ResolveInside(root, components);
}
