using NoduleScope.Clinical.Brock;
using NoduleScope.Clinical.Fleischner;
using NoduleScope.Clinical.LungRads;

namespace NoduleScope.Clinical.Characterization;

/// <summary>One nodule's characterisation and the guideline results computed from it.</summary>
public sealed record NoduleAssessment(
    NoduleCharacterization Characterization,
    NoduleAssessmentInput Input,
    BrockResult Brock,
    LungRadsNoduleResult LungRads,
    FleischnerResult Fleischner);
