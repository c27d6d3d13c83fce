using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.Pipeline.Tests;

/// <summary>The synthetic chest phantom as a CT series in a folder: big enough that detection finds its nodules (so SR and SEG are written).</summary>
internal static class PhantomStudy
{
    public static IReadOnlyList<string> Write(string folder, string seed = "pipeline-tests", int slices = 100) =>
        DicomSeriesWriter.Write(SyntheticChestPhantom.Create(160, slices, 2.0, 3), folder, new DicomSeriesWriterOptions { Seed = seed });
}
