namespace NoduleScope.Clinical.Characterization;

/// <summary>
/// Where a nodule lies. <see cref="Lobe"/> is estimated from the lung's geometry (fissures are not segmented): the
/// oblique and horizontal fissures are modelled as planes at their typical position within each lung, so the lobe is a
/// best guess near a fissure and exact far from one. Null values are unknown.
/// </summary>
public sealed record NoduleLocation(
    string Lung,
    string? Lobe,
    bool? UpperLobe,
    double? DistanceToPleuraMm,
    bool? Juxtapleural,
    bool? Juxtavascular);
