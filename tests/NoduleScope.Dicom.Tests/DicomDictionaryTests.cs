namespace NoduleScope.Dicom.Tests;

public sealed class DicomDictionaryTests
{
    [Fact]
    public void GeneratedDictionaryHoldsTheStandardAttributes()
    {
        Assert.True(DicomDictionary.Count > 4500);
        var entry = DicomDictionary.Lookup(DicomTags.PatientName)!;
        Assert.Equal("PatientName", entry.Keyword);
        Assert.Equal(DicomVR.PN, entry.DefaultVR);
        Assert.Equal(new DicomTag(0x0010, 0x0010), DicomTags.PatientName);
        Assert.Equal(DicomTags.ImagePositionPatient, DicomDictionary.TryGetTag("ImagePositionPatient"));
    }

    [Fact]
    public void RepeatingGroupsPrivateCreatorsAndGroupLengthsResolve()
    {
        Assert.Equal("OverlayData", DicomDictionary.Lookup(new DicomTag(0x6002, 0x3000))!.Keyword);
        Assert.Equal(DicomVR.LO, DicomDictionary.ImplicitVR(new DicomTag(0x0029, 0x0010)));
        Assert.Equal(DicomVR.UL, DicomDictionary.ImplicitVR(new DicomTag(0x0018, 0x0000)));
        Assert.Equal(DicomVR.UN, DicomDictionary.ImplicitVR(new DicomTag(0x0029, 0x1010)));
        Assert.Null(DicomDictionary.Lookup(new DicomTag(0x0029, 0x1010)));
    }

    [Fact]
    public void AmbiguousVRsListEveryAlternative()
    {
        var pixel = DicomDictionary.Lookup(DicomTags.PixelData)!;
        Assert.Contains(DicomVR.OB, pixel.ValueRepresentations);
        Assert.Contains(DicomVR.OW, pixel.ValueRepresentations);
        Assert.Equal(2, DicomDictionary.Lookup(DicomTags.PixelPaddingValue)!.ValueRepresentations.Length);
    }

    [Fact]
    public void TagsParseAndFormat()
    {
        Assert.Equal(DicomTags.PatientID, DicomTag.Parse("(0010,0020)"));
        Assert.Equal(DicomTags.PatientID, DicomTag.Parse("00100020"));
        Assert.Equal("(7FE0,0010)", DicomTags.PixelData.ToString());
        Assert.Throws<FormatException>(() => DicomTag.Parse("(0010,00ZZ)"));
    }

    [Fact]
    public void GeneratedUidsAreValidAndSeededOnesRepeat()
    {
        string a = DicomUid.Generate();
        Assert.True(DicomUid.IsValid(a), a);
        Assert.NotEqual(a, DicomUid.Generate());
        Assert.Equal(DicomUid.FromSeed("x"), DicomUid.FromSeed("x"));
        Assert.True(DicomUid.IsValid(DicomUid.ImplementationClassUid));
        Assert.False(DicomUid.IsValid(".."));
        Assert.False(DicomUid.IsValid("1.02.3"));
    }
}
