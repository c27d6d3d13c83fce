using NoduleScope.Reporting.Evaluation;

namespace NoduleScope.Reporting.Tests.Evaluation;

/// <summary>Short constructors for hand-built evaluation cases.</summary>
internal static class Finding
{
    public static NoduleAnnotation Nodule(string scan, double x, double y, double z, double diameterMm) => new(scan, x, y, z, diameterMm);

    public static CandidatePrediction Mark(string scan, double x, double y, double z, double probability) => new(scan, x, y, z, probability);

    /// <summary>Options without bootstrapping, for the cases computed by hand.</summary>
    public static FrocEvaluationOptions NoBootstrap { get; } = new() { BootstrapSamples = 0 };
}
