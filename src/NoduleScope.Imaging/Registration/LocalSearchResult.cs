namespace NoduleScope.Imaging.Registration;

/// <summary>The local correction found around a point: the fixed point x corresponds to the moving point T(x + Shift).</summary>
/// <param name="Correlation">Normalised cross-correlation of the two cubes at the best shift (−1 … 1).</param>
/// <param name="CorrelationAtZero">The same without a shift: how well the global transform alone aligned them.</param>
/// <param name="AtSearchBorder">The best shift lies on the edge of the search range: the true one may lie beyond it.</param>
public sealed record LocalSearchResult(Vector3D ShiftMm, double Correlation, double CorrelationAtZero, bool AtSearchBorder);
