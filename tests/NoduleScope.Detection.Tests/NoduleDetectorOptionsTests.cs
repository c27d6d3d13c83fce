namespace NoduleScope.Detection.Tests;

public sealed class NoduleDetectorOptionsTests
{
    [Fact]
    public void AStaleShippedScorerDoesNotStopEverythingElse()
    {
        // Regression: after the scorer's features changed, reading the default threshold threw from a type initializer
        // and 'nodulescope train' (which scores with the heuristic scorer) could not retrain the stale model.
        Assert.Equal(0.5, NoduleDetectorOptions.ThresholdOf(() => throw new InvalidDataException("trained on other features")));
        Assert.Equal(0.5, NoduleDetectorOptions.ThresholdOf(() => null));
    }
}
