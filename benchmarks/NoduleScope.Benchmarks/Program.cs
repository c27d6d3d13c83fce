using NoduleScope.Benchmarks;

// Benchmarks that need the development data in ../shared (see docs/benchmarks.md for the commands and results).
string shared = Environment.GetEnvironmentVariable("NODULESCOPE_SHARED") ?? Path.Combine("..", "shared");
return args.FirstOrDefault() switch
{
    "lidc-measurement" => LidcMeasurementBenchmark.Run(Path.Combine(shared, "data", "lidc-vois"), args[1..]),
    "characterization" => CharacterizationBenchmark.Run(Path.Combine(shared, "data", "lidc-vois")),
    "margin" => MarginBenchmark.Run(Path.Combine(shared, "data", "lidc-vois")),
    "candidate-recall" => CandidateRecallBenchmark.Run(shared, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 6, DetectionBenchmark.LoadSeries),
    "ranker-recall" => RankerRecallBenchmark.Run(shared, args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 6, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 4, DetectionBenchmark.LoadSeries),
    "scorer-sweep" => ScorerSweepBenchmark.Run(shared, DetectionBenchmark.LoadSeries),
    "comparison" => ComparisonBenchmark.Run(shared, args[1..]),
    "detection" => DetectionBenchmark.Run(shared, heldOutSeeds: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run --project benchmarks/NoduleScope.Benchmarks -c Release -- lidc-measurement [--tuning] [SegmenterOption=value ...] | characterization | margin | detection [held-out seeds] | candidate-recall [tuning seeds] | ranker-recall [tuning seeds] [phantoms] | scorer-sweep | comparison [pairs per background] [--tuning]");
    return 2;
}
