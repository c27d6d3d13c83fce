namespace NoduleScope.Clinical.Brock;

/// <summary>The values the Brock model was evaluated with, after unknown inputs were replaced by assumptions.</summary>
public sealed record BrockInputs(
    double AgeYears,
    PatientSex Sex,
    bool FamilyHistoryOfLungCancer,
    bool Emphysema,
    double NoduleSizeMm,
    NoduleType NoduleType,
    bool UpperLobe,
    bool Spiculated,
    int NoduleCount);
