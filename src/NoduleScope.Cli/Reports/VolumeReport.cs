namespace NoduleScope.Cli.Reports;

/// <summary>A NIfTI or MetaImage input in <see cref="InfoReport"/>: size (x, y, z), geometry in LPS mm and HU range.</summary>
internal sealed record VolumeReport(
    string Format,
    int[] Size,
    double[] SpacingMm,
    double[] OriginMm,
    double[] DirectionX,
    double[] DirectionY,
    double[] DirectionZ,
    int MinimumHu,
    int MaximumHu);
