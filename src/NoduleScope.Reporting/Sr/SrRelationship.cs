namespace NoduleScope.Reporting.Sr;

/// <summary>Relationship Type (0040,A010) values used in our SR documents.</summary>
internal static class SrRelationship
{
    public const string Contains = "CONTAINS";
    public const string HasConceptModifier = "HAS CONCEPT MOD";
    public const string HasObservationContext = "HAS OBS CONTEXT";
    public const string HasAcquisitionContext = "HAS ACQ CONTEXT";
}
