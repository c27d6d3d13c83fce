namespace NoduleScope.Clinical.Characterization;

/// <summary>How well the characterisation agrees with the LIDC radiologists on a set of nodules.</summary>
/// <param name="TypeConfusion">[reference, predicted] counts in the order solid, part-solid, non-solid.</param>
public sealed record CharacterizationMetrics(
    int Nodules,
    int NotSegmented,
    double TypeAccuracy,
    double TypeBalancedAccuracy,
    int[,] TypeConfusion,
    double CalcificationSensitivity,
    double CalcificationSpecificity,
    int Calcified,
    double CalcificationAuc,
    double SpiculationAuc,
    int Spiculated,
    double MalignancyAuc,
    double BrockAuc,
    int Malignant,
    int IllDefined = 0,
    double IllDefinedAuc = double.NaN,
    double IllDefinedSensitivity = double.NaN,
    double IllDefinedSpecificity = double.NaN,
    double EdgeWidthAuc = double.NaN);
