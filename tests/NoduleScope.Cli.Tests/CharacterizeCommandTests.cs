using System.Globalization;
using NoduleScope.Imaging.IO;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Cli.Tests;

public sealed class CharacterizeCommandTests
{
    private const int Size = 160;
    private const int Slices = 100;
    private const double Spacing = 2.0;
    private const int Seed = 3;

    [Fact]
    public void CharacterisesThePhantomsGroundGlassAndSolidNodulesFromAPoint()
    {
        using var temp = new TestFolder();
        string path = temp["phantom.nii.gz"];
        NiftiWriter.Write(SyntheticChestPhantom.Create(Size, Slices, Spacing, Seed), path);
        foreach (var nodule in SyntheticChestPhantom.Nodules(Size, Slices, Spacing, Seed).Where(n => n.DiameterMm >= 8))
        {
            string at = string.Create(CultureInfo.InvariantCulture, $"{nodule.Center.X},{nodule.Center.Y},{nodule.Center.Z}");
            var result = CliResult.Run("characterize", path, "--at", at, "--json", "--age", "64", "--sex", "F", "--purpose", "screening");
            Assert.True(result.ExitCode == 0, result.Stderr);
            var block = System.Text.Json.JsonSerializer.Deserialize<FindingsNodule>(result.Stdout, new System.Text.Json.JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
            var c = block.Characterization!;
            Assert.Equal(nodule.IsGroundGlass ? "non-solid" : "solid", c.Type);
            Assert.Equal(nodule.DiameterMm, block.MeanDiameterMm, 2.0);
            Assert.NotNull(c.LungRadsCategory);
            Assert.NotNull(c.IllDefinedMargin);
            Assert.InRange(c.EdgeWidthMm!.Value, 0.2, 4);
            Assert.InRange(c.BrockProbability!.Value, 0, 1);
            Assert.Equal(nodule.Center.X < 0 ? "right" : "left", block.Lung);
            Assert.DoesNotContain(c.Inputs.Keys, k => k is "unknown: age" or "unknown: sex");
        }
    }

    [Fact]
    public void PrintsAReadableBlockWithTheGuidance()
    {
        using var temp = new TestFolder();
        string path = temp["phantom.nii.gz"];
        NiftiWriter.Write(SyntheticChestPhantom.Create(Size, Slices, Spacing, Seed), path);
        var nodule = SyntheticChestPhantom.Nodules(Size, Slices, Spacing, Seed).First(n => !n.IsGroundGlass && n.DiameterMm >= 8);
        var result = CliResult.Run("characterize", path, "--at", string.Create(CultureInfo.InvariantCulture, $"{nodule.Center.X},{nodule.Center.Y},{nodule.Center.Z}"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Lung-RADS v2022:", result.Stdout);
        Assert.Contains("Fleischner 2017:", result.Stdout);
        Assert.Contains("ill-defined margin: ", result.Stdout);
        Assert.Contains("edge width", result.Stdout);
        Assert.Contains("Brock (PanCan)", result.Stdout);
        Assert.Contains("unknown: age", result.Stdout);
        Assert.Contains("not a diagnosis", result.Stdout);
    }

    [Theory]
    [InlineData("1,2")]
    [InlineData("a,b,c")]
    [InlineData("1,2,NaN")]
    public void RejectsAPointThatIsNotThreeNumbers(string at)
    {
        using var temp = new TestFolder();
        string path = temp["phantom.nii.gz"];
        NiftiWriter.Write(SyntheticChestPhantom.Create(48, 20, 4, 1), path);
        CliResult.Run("characterize", path, "--at", at).AssertBadInput("--at");
    }

    [Fact]
    public void SaysSoWhenNothingIsAtThePoint()
    {
        using var temp = new TestFolder();
        string path = temp["phantom.nii.gz"];
        NiftiWriter.Write(SyntheticChestPhantom.Create(Size, Slices, Spacing, Seed), path);
        CliResult.Run("characterize", path, "--at", "0,0,500").AssertBadInput("nothing denser than lung");
    }
}
