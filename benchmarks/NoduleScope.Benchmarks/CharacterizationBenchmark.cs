using NoduleScope.Clinical.Characterization;

namespace NoduleScope.Benchmarks;

/// <summary>
/// Characterisation against the LIDC radiologists on the held-out split of ../shared/data/lidc-vois: each nodule is
/// segmented from its LUNA16 centre only and characterised by models trained on the tuning split (the shipped models;
/// also retrained here with the same recipe to show the shipped file is what the recipe gives).
/// </summary>
public static class CharacterizationBenchmark
{
    public static int Run(string dataFolder)
    {
        var samples = LidcCharacterizationData.Load(dataFolder);
        var heldOut = samples.Where(s => s.HeldOut).ToList();
        var tuning = samples.Where(s => !s.HeldOut).ToList();
        var retrained = CharacterizationTraining.Train(tuning);
        Console.WriteLine("## Held-out split, models retrained on the tuning split");
        Console.Write(CharacterizationEvaluation.Describe(CharacterizationEvaluation.Evaluate(new NoduleCharacterizer(retrained), heldOut)));
        if (NoduleCharacterizer.ModelsAvailable)
        {
            var shipped = new NoduleCharacterizer();
            Console.WriteLine($"## Held-out split, shipped models ({shipped.ModelHash})");
            Console.Write(CharacterizationEvaluation.Describe(CharacterizationEvaluation.Evaluate(shipped, heldOut)));
        }

        return 0;
    }
}
