using System.Text.Json;
using NoduleScope.Dicom.Deidentification;
using NoduleScope.TestSupport;

namespace NoduleScope.Dicom.Tests.Deidentification;

/// <summary>The generated PS3.15 Table E.1-1 says what the standard's JSON says, and lookups find the right row.</summary>
public sealed class ConfidentialityProfileTableTests
{
    [Fact]
    public void GeneratedTableMatchesTheStandardJson()
    {
        string path = SharedData.Require("dicom-standard/confidentiality_profile_attributes.json");
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(rows.Count, ConfidentialityProfile.Rules.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            var rule = ConfidentialityProfile.Rules[i];
            string code = rows[i].GetProperty("basicProfile").GetString()!;
            Assert.True(Code(rule.BasicProfile) == code, $"{rule}: JSON says {code}");
            string tag = rows[i].GetProperty("tag").GetString()!;
            Assert.True(tag.StartsWith("(GGGG", StringComparison.Ordinal) || string.Equals(tag, rule.TagPattern, StringComparison.OrdinalIgnoreCase), $"{rule.TagPattern} vs {tag}");
            string retainDates = rows[i].TryGetProperty("rtnLongFullDatesOpt", out var k) ? k.GetString()! : string.Empty;
            Assert.Equal(retainDates, Code(rule.ActionFor(DeidentificationOption.RetainLongitudinalFullDates)));
        }
    }

    [Theory]
    [InlineData(0x0010, 0x0010, DeidentificationAction.ZeroLength)]
    [InlineData(0x0010, 0x0020, DeidentificationAction.ZeroLengthOrDummy)]
    [InlineData(0x0010, 0x0030, DeidentificationAction.ZeroLength)]
    [InlineData(0x0020, 0x000D, DeidentificationAction.ReplaceUid)]
    [InlineData(0x0008, 0x0080, DeidentificationAction.RemoveZeroLengthOrDummy)]
    [InlineData(0x0008, 0x1140, DeidentificationAction.RemoveZeroLengthOrReplaceUids)]
    [InlineData(0x0010, 0x1000, DeidentificationAction.Remove)]
    [InlineData(0x6002, 0x3000, DeidentificationAction.Remove)]
    [InlineData(0x501E, 0x3000, DeidentificationAction.Remove)]
    [InlineData(0x0029, 0x1010, DeidentificationAction.Remove)]
    public void LooksUpSingleRepeatingAndPrivateRows(int group, int element, DeidentificationAction expected)
    {
        var rule = ConfidentialityProfile.Find(new DicomTag((ushort)group, (ushort)element));
        Assert.NotNull(rule);
        Assert.Equal(expected, rule.BasicProfile);
    }

    [Fact]
    public void AttributesTheTableDoesNotListHaveNoRow()
    {
        Assert.Null(ConfidentialityProfile.Find(DicomTags.Rows));
        Assert.Null(ConfidentialityProfile.Find(DicomTags.PixelData));
        Assert.Null(ConfidentialityProfile.Find(DicomTags.SOPClassUID));
        Assert.Null(ConfidentialityProfile.Find(new DicomTag(0x6000, 0x0010)));
    }

    [Fact]
    public void MethodCodesAreThoseOfCid7050()
    {
        Assert.Equal("113100", DeidentificationMethodCodes.BasicProfile.CodeValue);
        Assert.Equal("113106", DeidentificationMethodCodes.For(DeidentificationOption.RetainLongitudinalFullDates).CodeValue);
        Assert.Equal("113110", DeidentificationMethodCodes.For(DeidentificationOption.RetainUids).CodeValue);
        var values = Enum.GetValues<DeidentificationOption>().Select(o => DeidentificationMethodCodes.For(o).CodeValue).ToList();
        Assert.Equal(values.Count, values.Distinct().Count());
        Assert.All(values, v => Assert.InRange(int.Parse(v, System.Globalization.CultureInfo.InvariantCulture), 113101, 113112));
    }

    private static string Code(DeidentificationAction action) => action switch
    {
        DeidentificationAction.None => string.Empty,
        DeidentificationAction.Keep => "K",
        DeidentificationAction.Clean => "C",
        DeidentificationAction.Remove => "X",
        DeidentificationAction.ZeroLength => "Z",
        DeidentificationAction.Dummy => "D",
        DeidentificationAction.ReplaceUid => "U",
        DeidentificationAction.RemoveOrZeroLength => "X/Z",
        DeidentificationAction.RemoveOrDummy => "X/D",
        DeidentificationAction.ZeroLengthOrDummy => "Z/D",
        DeidentificationAction.RemoveZeroLengthOrDummy => "X/Z/D",
        DeidentificationAction.RemoveZeroLengthOrReplaceUids => "X/Z/U*",
        _ => "?",
    };
}
