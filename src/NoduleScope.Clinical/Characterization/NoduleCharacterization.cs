namespace NoduleScope.Clinical.Characterization;

/// <summary>What one nodule is: type (with each type's probability), calcification, margin, malignancy score, location,
/// and the image features these came from.</summary>
public sealed record NoduleCharacterization(
    NoduleType Type,
    double SolidProbability,
    double PartSolidProbability,
    double NonSolidProbability,
    bool Calcified,
    double CalcificationProbability,
    CalcificationPattern Calcification,
    bool Spiculated,
    double SpiculationProbability,
    double MalignancyScore,
    NoduleLocation? Location,
    NoduleImageFeatures Features);
