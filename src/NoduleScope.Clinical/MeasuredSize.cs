using System.Globalization;

namespace NoduleScope.Clinical;

/// <summary>The size a guideline threshold was compared against, already rounded as the guideline prescribes.</summary>
public sealed record MeasuredSize(SizeMeasure Measure, double Value)
{
    public string Describe() => Measure == SizeMeasure.MeanDiameter
        ? Value.ToString("0.0", CultureInfo.InvariantCulture) + " mm"
        : Value.ToString("0", CultureInfo.InvariantCulture) + " mm³";
}
