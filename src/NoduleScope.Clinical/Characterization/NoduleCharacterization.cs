namespace NoduleScope.Clinical.Characterization;

/// <summary>What one nodule is: type (with each type's probability), calcification, margin (spiculated; ill-defined, and
/// the measured edge width when the CT was at hand), malignancy score, location, and the image features these came from.</summary>
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
    bool IllDefinedMargin,
    double IllDefinedMarginProbability,
    NoduleMargin Margin,
    double MalignancyScore,
    NoduleLocation? Location,
    NoduleImageFeatures Features);
