namespace NoduleScope.Clinical.LungRads;

/// <summary>What a Lung-RADS category means: its label, management and malignancy probability.</summary>
public sealed record LungRadsCategoryGuidance(
    LungRadsCategory Category,
    string Label,
    string Management,
    string MalignancyProbability);
