using NoduleScope.Imaging.Registration;

namespace NoduleScope.Clinical.Comparison;

/// <summary>One optimisation of the lung registration: what was fitted on which features, and how far the cost fell.</summary>
public sealed record RegistrationStage(string Name, TransformModel Model, double SpacingMm, double InitialCost, double FinalCost, int Iterations, int Samples, double Seconds);
