using NoduleScope.Clinical.LungRads;
using static NoduleScope.Clinical.LungRads.LungRadsCategory;
using static NoduleScope.Clinical.Tests.TestNodules;

namespace NoduleScope.Clinical.Tests.LungRads;

public sealed class LungRadsFeatureTests
{
    private static NoduleAssessmentInput Juxtapleural(double mm) =>
        Solid(mm) with { Juxtapleural = true, SmoothMargins = true, Shape = NoduleShape.Lentiform };

    [Theory]
    [InlineData(NoduleType.Solid)]
    [InlineData(NoduleType.PartSolid)]
    [InlineData(NoduleType.NonSolid)]
    public void BenignCalcificationIsCategory1WhateverTheSize(NoduleType type)
    {
        var nodule = new NoduleAssessmentInput
        {
            Type = type, MeanDiameterMm = 20, SolidComponentMeanDiameterMm = 10, Calcification = CalcificationPattern.Benign,
        };
        var result = LungRads2022.CategorizeNodule(nodule, Baseline);
        Assert.Equal(Category1, result.Category);
        Assert.Contains("calcification", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FatIsCategory1AndOtherCalcificationIsNot()
    {
        Assert.Equal(Category1, LungRads2022.CategorizeNodule(Solid(12) with { FatContaining = true }, Baseline).Category);
        Assert.Equal(Category4A,
            LungRads2022.CategorizeNodule(Solid(12) with { Calcification = CalcificationPattern.Other }, Baseline).Category);
    }

    [Theory]
    [InlineData(9.9, Category2)]
    [InlineData(10.0, Category4A)]
    public void SmoothJuxtapleuralSolidNoduleUnder10MmIsCategory2(double mm, LungRadsCategory expected)
    {
        var result = LungRads2022.CategorizeNodule(Juxtapleural(mm), Baseline);
        Assert.Equal(expected, result.Category);
    }

    [Theory]
    [InlineData(523, Category2)]
    [InlineData(524, Category4A)]
    public void JuxtapleuralRuleByVolume(double mm3, LungRadsCategory expected)
    {
        var nodule = SolidByVolume(mm3) with { Juxtapleural = true, SmoothMargins = true, Shape = NoduleShape.Oval };
        Assert.Equal(expected, LungRads2022.CategorizeNodule(nodule, Baseline).Category);
    }

    [Fact]
    public void JuxtapleuralRuleNeedsEveryFeature()
    {
        Assert.Equal(Category4A, LungRads2022.CategorizeNodule(Juxtapleural(9) with { SmoothMargins = false }, Baseline).Category);
        Assert.Equal(Category4A, LungRads2022.CategorizeNodule(Juxtapleural(9) with { Shape = NoduleShape.Round }, Baseline).Category);
        Assert.Equal(Category4A, LungRads2022.CategorizeNodule(Juxtapleural(9) with { Juxtapleural = false }, Baseline).Category);
        Assert.Equal(Category2,
            LungRads2022.CategorizeNodule(Juxtapleural(9) with { Shape = NoduleShape.Triangular }, Baseline).Category);
        var partSolid = PartSolid(9, 7) with { Juxtapleural = true, SmoothMargins = true, Shape = NoduleShape.Oval };
        Assert.Equal(Category4A, LungRads2022.CategorizeNodule(partSolid, Baseline).Category);
    }

    [Fact]
    public void JuxtapleuralRuleAppliesToNewButNotToGrowingNodules()
    {
        Assert.Equal(Category2,
            LungRads2022.CategorizeNodule(Juxtapleural(9) with { NewSincePrior = true }, FollowUp).Category);
        Assert.Equal(Category4B,
            LungRads2022.CategorizeNodule(Juxtapleural(9) with { Prior = Prior(7) }, FollowUp).Category);
    }

    [Theory]
    [InlineData(5.0, Category2, null)]
    [InlineData(7.0, Category4X, Category3)]
    [InlineData(10.0, Category4X, Category4A)]
    [InlineData(20.0, Category4X, Category4B)]
    public void SpiculationRaisesCategory3And4NodulesTo4X(double mm, LungRadsCategory expected, LungRadsCategory? before)
    {
        var result = LungRads2022.CategorizeNodule(Solid(mm) with { Spiculated = true }, Baseline);
        Assert.Equal(expected, result.Category);
        Assert.Equal(before, result.CategoryBeforeSuspiciousFeatures);
        string[] features = before is null ? [] : ["spiculation"];
        Assert.Equal(features, result.SuspiciousFeatures);
    }

    [Fact]
    public void GrowthThatAlreadyDecidedTheCategoryIsNotAlsoA4XFeature()
    {
        var result = LungRads2022.CategorizeNodule(Solid(6.6) with { Prior = Prior(5) }, FollowUp);
        Assert.Equal(Category4A, result.Category);
        Assert.Empty(result.SuspiciousFeatures);
    }
}
