namespace NoduleScope.Clinical.Characterization;

/// <summary>One LIDC nodule crop with the radiologists' ratings and our features (null when our segmentation found
/// nothing at the reference centre). <paramref name="MarginRating"/> is the LIDC margin rating (1 poorly defined … 5
/// sharp); <paramref name="Margin"/> our measurement of it.</summary>
public sealed record LidcCharacterizationSample(
    string SourceId,
    string PatientId,
    bool HeldOut,
    double DiameterMm,
    NoduleImageFeatures? Features,
    int Texture,
    int Calcification,
    int Spiculation,
    bool Malignant,
    int MarginRating = 0,
    NoduleMargin? Margin = null)
{
    /// <summary>Texture 1–2 non-solid, 3 part-solid, 4–5 solid (the reading of the LIDC rating).</summary>
    public NoduleType Type => Texture <= 2 ? NoduleType.NonSolid : Texture == 3 ? NoduleType.PartSolid : NoduleType.Solid;

    public bool Calcified => Calcification != 6;

    public bool IsSpiculated => Spiculation >= 3;

    /// <summary>LIDC margin rating 1–2 ("poorly defined", "near poorly defined").</summary>
    public bool IsIllDefined => MarginRating is 1 or 2;
}
