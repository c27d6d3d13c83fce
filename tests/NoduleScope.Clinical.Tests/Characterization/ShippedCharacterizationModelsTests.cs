using NoduleScope.Clinical.Characterization;
using NoduleScope.TestSupport;

namespace NoduleScope.Clinical.Tests.Characterization;

/// <summary>The shipped characterisation models are what the recipe gives on today's segmentation and features: a
/// change to either must come with retrained models (they went stale once, unnoticed). Needs ../shared.</summary>
public sealed class ShippedCharacterizationModelsTests
{
    [Fact]
    public void RetrainingOnTheTuningSplitReproducesTheShippedModels()
    {
        string folder = SharedData.Require("data/lidc-vois");
        var shipped = CharacterizationModels.Embedded();
        Assert.NotNull(shipped);
        var tuning = LidcCharacterizationData.Load(folder).Where(s => !s.HeldOut).ToList();
        var retrained = CharacterizationTraining.Train(tuning, shipped.Card);
        Assert.True(retrained.ToJson() == shipped.ToJson(),
            $"the shipped models ({Detection.Learning.GradientBoostedTrees.Hash(shipped.ToJson())}) differ from the recipe's ({Detection.Learning.GradientBoostedTrees.Hash(retrained.ToJson())}): run 'nodulescope train --model characterization -o src/NoduleScope.Clinical/Models/characterization.json'");
    }
}
