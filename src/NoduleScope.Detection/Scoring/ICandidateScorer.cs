namespace NoduleScope.Detection.Scoring;

/// <summary>Turns candidate features into a nodule probability (0..1). Implementations: a fixed rule now, learned models later.</summary>
public interface ICandidateScorer
{
    /// <summary>Name and version, written into findings.json.</summary>
    string Name { get; }

    /// <summary>Hash of the model file (or of the rule's parameters), written into findings.json.</summary>
    string ModelHash { get; }

    double Score(CandidateFeatures features);
}
