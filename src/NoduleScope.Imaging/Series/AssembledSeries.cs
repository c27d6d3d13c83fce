namespace NoduleScope.Imaging.Series;

/// <summary>A volume built from a series and what was noticed while building it.</summary>
public sealed record AssembledSeries(CtVolume Volume, IReadOnlyList<string> Warnings);
