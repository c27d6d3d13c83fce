using System.Globalization;
using FsCheck;
using Microsoft.FSharp.Core;

namespace NoduleScope.Dicom.Tests.Properties;

/// <summary>
/// How the FsCheck properties run: a fixed seed by default, so CI sees the same cases every time, or the seed in
/// NODULESCOPE_PROPERTY_SEED ("random" for a new one each run) to explore; a failure prints the seed to replay.
/// </summary>
internal static class PropertyRuns
{
    private const ulong DefaultSeed = 20261127;

    public static Config Config(int maxTest)
    {
        var config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(maxTest).WithQuietOnSuccess(true);
        string? setting = Environment.GetEnvironmentVariable("NODULESCOPE_PROPERTY_SEED");
        if (string.Equals(setting, "random", StringComparison.OrdinalIgnoreCase))
        {
            return config;
        }

        ulong seed = setting is not null && ulong.TryParse(setting, NumberStyles.Integer, CultureInfo.InvariantCulture, out ulong parsed) ? parsed : DefaultSeed;
        return config.WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed), FSharpOption<int>.None)));
    }
}
