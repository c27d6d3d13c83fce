using NoduleScope.Detection.Synthesis;

namespace NoduleScope.Detection.Tests.Synthesis;

public sealed class LidcSplitTests
{
    private static readonly string[] Patients = [.. Enumerable.Range(1, 1000).Select(i => $"LIDC-IDRI-{i:0000}")];

    [Fact]
    public void AboutOnePatientInFiveIsHeldOut()
    {
        int heldOut = Patients.Count(LidcSplit.IsHeldOut);
        Assert.InRange(heldOut, 150, 250);
        Assert.All(Patients, p => Assert.Equal(LidcSplit.IsHeldOut(p) ? LidcSplitPart.HeldOut : LidcSplitPart.Tuning, LidcSplit.PartOf(p)));
    }

    [Fact]
    public void FoldsAreStableAndEveryFoldGetsTuningPatients()
    {
        var tuning = Patients.Where(p => !LidcSplit.IsHeldOut(p)).ToList();
        Assert.All(tuning, p => Assert.Equal(LidcSplit.FoldOf(p, 5), LidcSplit.FoldOf(p, 5)));
        var sizes = tuning.GroupBy(p => LidcSplit.FoldOf(p, 5)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([0, 1, 2, 3, 4], sizes.Keys.Order());
        Assert.All(sizes.Values, n => Assert.InRange(n, tuning.Count / 10, tuning.Count * 3 / 10));
    }
}
