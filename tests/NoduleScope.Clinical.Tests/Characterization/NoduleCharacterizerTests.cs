using NoduleScope.Clinical.Characterization;
using NoduleScope.Detection.Segmentation;
using NoduleScope.Imaging;

namespace NoduleScope.Clinical.Tests.Characterization;

public sealed class NoduleCharacterizerTests
{
    [Fact]
    public void TheShippedModelsRoundTripThroughJsonWithEveryModel()
    {
        var models = CharacterizationModels.Embedded();
        Assert.NotNull(models);
        var again = CharacterizationModels.FromJson(models.ToJson(), "round trip");
        Assert.Equal(models.ToJson(), again.ToJson());
        Assert.Equal(NoduleImageFeatures.Names, again.IllDefinedMargin.FeatureNames);
    }

    [Fact]
    public void ModelsWithoutTheMarginModelAreRefusedWithTheirSource()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(CharacterizationModels.Embedded()!.ToJson())!.AsObject();
        json.Remove("ill_defined_margin");
        var error = Assert.Throws<InvalidDataException>(() => CharacterizationModels.FromJson(json.ToJsonString(), "old.json"));
        Assert.Contains("old.json", error.Message);
        Assert.Contains("ill_defined_margin", error.Message);
    }

    [Fact]
    public void FromTheCtTheEdgeIsMeasuredAndFromFeaturesAloneItIsNot()
    {
        var volume = CtVolume.CreateAxial(45, 45, 21, new Vector3D(0.7, 0.7, 1.0), new Vector3D(-15.4, -15.4, -10));
        for (int z = 0; z < volume.SizeZ; z++)
        {
            for (int y = 0; y < volume.SizeY; y++)
            {
                for (int x = 0; x < volume.SizeX; x++)
                {
                    volume[x, y, z] = (short)(volume.VoxelToWorld(x, y, z).Length <= 5 ? 40 : -850);
                }
            }
        }

        var segmentation = new NoduleSegmenter().SegmentAt(volume, Vector3D.Zero)!;
        var characterizer = new NoduleCharacterizer();
        var fromCt = characterizer.Characterize(volume, segmentation);
        var fromFeatures = characterizer.Characterize(fromCt.Features);
        Assert.NotNull(fromCt.Margin.EdgeWidthMm);
        Assert.Null(fromFeatures.Margin.EdgeWidthMm);
        Assert.InRange(fromCt.IllDefinedMarginProbability, 0, 1);
        Assert.Equal(fromCt.IllDefinedMarginProbability, fromFeatures.IllDefinedMarginProbability);
        Assert.Equal(fromCt.IllDefinedMarginProbability >= 0.5, fromCt.IllDefinedMargin);
    }
}
