using NoduleScope.Fuzz;
using SharpFuzz;

// The fuzz driver. Under afl-fuzz (see fuzz/run.sh):      NoduleScope.Fuzz TARGET
// Write a target's seeds:                                 NoduleScope.Fuzz seeds TARGET OUT-FOLDER [CORPUS-FOLDER]
// Run inputs directly (crash triage, no afl needed):      NoduleScope.Fuzz replay TARGET FILE...
// List the targets:                                       NoduleScope.Fuzz list
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    return Usage();
}

if (args[0] == "list")
{
    foreach (var entry in FuzzTargets.All)
    {
        Console.WriteLine($"{entry.Name}\t{entry.Create().Description}");
    }

    return 0;
}

if (args[0] is "seeds" or "replay" or "instrumented")
{
    var named = args.Length > 1 ? FuzzTargets.Find(args[1])?.Create() : null;
    if (named is null)
    {
        Console.Error.WriteLine($"unknown target; one of: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
        return 2;
    }

    return args[0] switch
    {
        "seeds" when args.Length > 2 => WriteSeeds(named, args[2], args.Length > 3 ? args[3] : null),
        "seeds" => Usage(),
        "instrumented" => ListInstrumented(named),
        _ => Replay(named, args[2..]),
    };
}

var fuzzed = FuzzTargets.Find(args[0]);
if (fuzzed is null)
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; one of: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
    return 2;
}

IFuzzTarget? target = null;
Fuzzer.OutOfProcess.Run(stream =>
{
    target ??= fuzzed.Create();
    using var memory = new MemoryStream();
    stream.CopyTo(memory);
    target.Run(memory.GetBuffer().AsSpan(0, (int)memory.Length));
});
return 0;

static int Usage()
{
    Console.Error.WriteLine("usage: NoduleScope.Fuzz TARGET | seeds TARGET OUT [CORPUS] | replay TARGET FILE... | list | instrumented TARGET");
    return 2;
}

static int WriteSeeds(IFuzzTarget target, string folder, string? corpus)
{
    Directory.CreateDirectory(folder);
    int count = 0;
    foreach (var seed in target.Seeds(corpus))
    {
        File.WriteAllBytes(Path.Combine(folder, seed.Name), seed.Data);
        count++;
    }

    Console.WriteLine($"{count} seed(s) for {target.Name} in {folder}");
    return count > 0 ? 0 : 1;
}

static int ListInstrumented(IFuzzTarget target)
{
    foreach (string assembly in target.InstrumentedAssemblies)
    {
        Console.WriteLine(assembly);
    }

    return 0;
}

static int Replay(IFuzzTarget target, string[] files)
{
    int failures = 0;
    foreach (string file in files)
    {
        try
        {
            target.Run(File.ReadAllBytes(file));
            Console.WriteLine($"{file}: ok");
        }
        catch (Exception e)
        {
            failures++;
            Console.WriteLine($"{file}: {e}");
        }
    }

    return failures == 0 ? 0 : 1;
}
