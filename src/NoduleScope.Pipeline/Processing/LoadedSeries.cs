using NoduleScope.Imaging;

namespace NoduleScope.Pipeline.Processing;

/// <summary>The series chosen from a study's stored instances, assembled into one volume.</summary>
/// <param name="Selection">Why this series was chosen (selector's reason; DICOM values, untrusted text).</param>
public sealed record LoadedSeries(CtVolume Volume, IReadOnlyList<string> Warnings, string Selection);
