namespace NoduleScope.Reporting.Outputs;

/// <summary>The result files <c>detect</c> can write besides findings.json and candidates.csv.</summary>
[Flags]
public enum OutputKinds
{
    None = 0,

    /// <summary>DICOM Comprehensive 3D SR, TID 1500 measurement report.</summary>
    Sr = 1,

    /// <summary>DICOM binary Segmentation, one segment per nodule.</summary>
    Seg = 2,

    /// <summary>DICOM Secondary Capture key images.</summary>
    Sc = 4,

    /// <summary>Self-contained HTML report.</summary>
    Html = 8,

    /// <summary>PDF report.</summary>
    Pdf = 16,

    /// <summary>Key images as PNG files.</summary>
    Png = 32,

    /// <summary>The PDF report wrapped as DICOM Encapsulated PDF.</summary>
    Epdf = 64,

    Dicom = Sr | Seg | Sc | Epdf,

    All = Sr | Seg | Sc | Html | Pdf | Png | Epdf,
}
