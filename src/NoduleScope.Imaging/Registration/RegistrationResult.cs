namespace NoduleScope.Imaging.Registration;

/// <summary>The transform found (fixed world → moving world) and how the fit went.</summary>
/// <param name="InitialCost">Mean loss per valid sample before optimising.</param>
/// <param name="FinalCost">Mean loss per valid sample after.</param>
/// <param name="ValidFraction">Share of the fixed samples that fell inside the moving image at the end.</param>
public sealed record RegistrationResult(AffineTransform Transform, double InitialCost, double FinalCost, int Iterations, int Samples, double ValidFraction);
