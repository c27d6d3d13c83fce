using NoduleScope.Clinical.LungRads;
using static NoduleScope.Clinical.LungRads.LungRadsCategory;
using static NoduleScope.Clinical.Tests.TestNodules;

namespace NoduleScope.Clinical.Tests.LungRads;

public sealed class LungRadsExamTests
{
    [Fact]
    public void ExamCategoryIsTheHighestNoduleCategory()
    {
        var exam = Baseline with { NoduleCount = 3 };
        var result = LungRads2022.CategorizeExam([Solid(4), Solid(9), Solid(7)], exam);
        Assert.Equal(Category4A, result.Category);
        Assert.Equal(1, result.DecidingNoduleIndex);
        Assert.Equal([Category2, Category4A, Category3], result.Nodules.Select(n => n.Category));
        Assert.Equal("LDCT in 3 months (PET/CT may be used if the solid part is ≥ 8 mm)", result.Management);
        Assert.StartsWith("Highest nodule category: 4A (nodule 2 of 3", result.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void FourXRanksAbove4B()
    {
        var exam = Baseline with { NoduleCount = 2 };
        var result = LungRads2022.CategorizeExam([Solid(16), Solid(7) with { Spiculated = true }], exam);
        Assert.Equal(Category4X, result.Category);
        Assert.Equal(1, result.DecidingNoduleIndex);
    }

    [Fact]
    public void NoNodulesIsCategory1()
    {
        var result = LungRads2022.CategorizeExam([], Baseline with { NoduleCount = 0 });
        Assert.Equal(Category1, result.Category);
        Assert.Null(result.DecidingNoduleIndex);
        Assert.Equal("Annual LDCT", result.Management);
    }

    [Fact]
    public void WarnsWhenTheNoduleCountDisagrees()
    {
        var result = LungRads2022.CategorizeExam([Solid(4)], Baseline with { NoduleCount = 2 });
        Assert.Single(result.Warnings);
    }

    [Theory]
    [InlineData(Category1, "1", "Annual LDCT", "< 1 %")]
    [InlineData(Category2, "2", "Annual LDCT", "< 1 %")]
    [InlineData(Category3, "3", "LDCT in 6 months", "1–2 %")]
    [InlineData(Category4A, "4A", "LDCT in 3 months (PET/CT may be used if the solid part is ≥ 8 mm)", "5–15 %")]
    [InlineData(Category4B, "4B", "Diagnostic chest CT, PET/CT and/or tissue sampling", "> 15 %")]
    [InlineData(Category4X, "4X", "Diagnostic chest CT, PET/CT and/or tissue sampling", "> 15 %")]
    public void GuidancePerCategory(LungRadsCategory category, string label, string management, string probability)
    {
        var guidance = LungRads2022.GuidanceFor(category);
        Assert.Equal(label, guidance.Label);
        Assert.Equal(management, guidance.Management);
        Assert.Equal(probability, guidance.MalignancyProbability);
    }

    [Fact]
    public void NoduleResultCarriesItsGuidance()
    {
        var result = LungRads2022.CategorizeNodule(Solid(7), Baseline);
        Assert.Equal("3", result.CategoryLabel);
        Assert.Equal("LDCT in 6 months", result.Management);
        Assert.Equal("1–2 %", result.MalignancyProbability);
    }
}
