using NoduleScope.Imaging;
using NoduleScope.Imaging.IO;

namespace NoduleScope.Detection.Synthesis;

/// <summary>
/// One LIDC nodule from lidc-vois/nodules.csv: its LUNA16 centre (world LPS mm) and mean diameter, the radiologists'
/// texture and calcification ratings, and its CT crop and consensus mask, read from disk on first use.
/// </summary>
public sealed class LidcNodule
{
    public const int SolidTexture = 5;
    public const int NoCalcification = 6;

    private readonly Lazy<CtVolume> crop;
    private readonly Lazy<CtVolume> mask;

    public LidcNodule(string patientId, string noduleId, Vector3D center, double diameterMm, int texture, int calcification, string imagePath, string maskPath)
    {
        PatientId = patientId;
        NoduleId = noduleId;
        Center = center;
        DiameterMm = diameterMm;
        Texture = texture;
        Calcification = calcification;
        ImagePath = imagePath;
        MaskPath = maskPath;
        crop = new Lazy<CtVolume>(() => NiftiReader.Read(ImagePath));
        mask = new Lazy<CtVolume>(() => NiftiReader.ReadMask(MaskPath));
    }

    /// <summary>Builds a nodule from volumes already in memory (synthetic nodules, tests).</summary>
    public LidcNodule(string patientId, string noduleId, Vector3D center, double diameterMm, int texture, int calcification, CtVolume crop, CtVolume mask)
        : this(patientId, noduleId, center, diameterMm, texture, calcification, string.Empty, string.Empty)
    {
        this.crop = new Lazy<CtVolume>(crop);
        this.mask = new Lazy<CtVolume>(mask);
    }

    public string PatientId { get; }

    public string NoduleId { get; }

    /// <summary>"LIDC-IDRI-0004_R_1": the crop's file name without extension.</summary>
    public string SourceId => $"{PatientId}_R_{NoduleId}";

    /// <summary>LUNA16 centre in the crop's world frame (LPS, mm).</summary>
    public Vector3D Center { get; }

    /// <summary>LUNA16 diameter_mm: the mean of the radiologists' diameters.</summary>
    public double DiameterMm { get; }

    /// <summary>LIDC texture rating 1 (non-solid/GGO) … 5 (solid).</summary>
    public int Texture { get; }

    /// <summary>LIDC calcification rating; <see cref="NoCalcification"/> means absent.</summary>
    public int Calcification { get; }

    public bool IsSolid => Texture >= 4;

    public bool IsCalcified => Calcification != NoCalcification;

    public LidcSplitPart SplitPart => LidcSplit.PartOf(PatientId);

    public string ImagePath { get; }

    public string MaskPath { get; }

    /// <summary>The CT crop around the nodule (HU, LPS geometry).</summary>
    public CtVolume Crop => crop.Value;

    /// <summary>The consensus mask on the crop's grid (1 inside the nodule).</summary>
    public CtVolume Mask => mask.Value;
}
