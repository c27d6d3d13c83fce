namespace NoduleScope.Clinical.Tests;

public sealed class DicomPatientAttributesTests
{
    [Theory]
    [InlineData("062Y", 62.0)]
    [InlineData("006M", 0.5)]
    [InlineData("003D", 3 / 365.25)]
    [InlineData("052W", 52 * 7 / 365.25)]
    [InlineData(" 070Y ", 70.0)]
    public void ParsesTheDicomAgeString(string text, double years) =>
        Assert.Equal(years, DicomPatientAttributes.ParseAge(text)!.Value, 9);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("62")]
    [InlineData("62Y")]
    [InlineData("062X")]
    [InlineData("-62Y")]
    public void MalformedAgeIsUnknown(string? text) => Assert.Null(DicomPatientAttributes.ParseAge(text));

    [Theory]
    [InlineData("M", PatientSex.Male)]
    [InlineData("F", PatientSex.Female)]
    [InlineData("f ", PatientSex.Female)]
    [InlineData("O", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void ParsesTheDicomSex(string? text, PatientSex? sex) => Assert.Equal(sex, DicomPatientAttributes.ParseSex(text));
}
