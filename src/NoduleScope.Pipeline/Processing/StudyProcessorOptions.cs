using NoduleScope.Detection;
using NoduleScope.Reporting.Outputs;

namespace NoduleScope.Pipeline.Processing;

/// <summary>How <see cref="StudyProcessor"/> analyses a volume and which result files it writes.</summary>
public sealed record StudyProcessorOptions
{
    /// <summary>Probability from which a candidate is reported (the operating point).</summary>
    public double Threshold { get; init; } = new NoduleDetectorOptions().Threshold;

    /// <summary>Result files written besides findings.json and candidates.csv.</summary>
    public OutputKinds Outputs { get; init; } = OutputKindsParser.Parse(OutputKindsParser.Default);

    /// <exception cref="ArgumentException">The threshold is not a probability.</exception>
    public void Validate()
    {
        if (Threshold is < 0 or > 1 || double.IsNaN(Threshold))
        {
            throw new ArgumentException("the threshold must be between 0 and 1", nameof(Threshold));
        }
    }
}
