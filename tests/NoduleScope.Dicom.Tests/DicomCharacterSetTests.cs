using NoduleScope.Dicom;
using NoduleScope.TestSupport;

namespace NoduleScope.Dicom.Tests;

public sealed class DicomCharacterSetTests
{
    [Theory]
    [InlineData("chrFren.dcm", "Buc^Jérôme")]
    [InlineData("chrGerm.dcm", "Äneas^Rüdiger")]
    [InlineData("chrGreek.dcm", "Διονυσιος")]
    [InlineData("chrRuss.dcm", "Люкceмбypг")]
    [InlineData("chrArab.dcm", "قباني^لنزار")]
    [InlineData("chrHbrw.dcm", "שרון^דבורה")]
    [InlineData("chrX1.dcm", "Wang^XiaoDong=王^小東=")]
    [InlineData("chrX2.dcm", "Wang^XiaoDong=王^小东=")]
    [InlineData("chrGB2312.dcm", "Zhang^XiaoDong=张^小东=")]
    [InlineData("chrI2.dcm", "Hong^Gildong=洪^吉洞=홍^길동")]
    [InlineData("chrKoreanMulti.dcm", "김희중")]
    [InlineData("chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう")]
    [InlineData("chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう")]
    public void DecodesPatientNamesOfTheCharsetCorpus(string file, string expected)
    {
        string path = SharedData.Require(Path.Combine("dicom-corpus", "fo-dicom", "charset", file));
        var dicom = DicomFile.Open(path);
        Assert.Equal(expected, dicom.Dataset.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void Gb18030AndGbkRoundTripChineseNames()
    {
        foreach (string term in new[] { "GB18030", "GBK" })
        {
            var ds = new DicomDataset();
            ds.AddString(DicomTags.SpecificCharacterSet, DicomVR.CS, term);
            ds.AddString(DicomTags.PatientName, DicomVR.PN, "王^小东=张^伟");
            var bytes = ds.GetElement(DicomTags.PatientName)!.Data.ToArray();
            Assert.DoesNotContain((byte)'?', bytes);
            Assert.Equal("王^小东=张^伟", ds.GetString(DicomTags.PatientName));
        }
    }

    [Fact]
    public void Utf8IsDecodedAndLatin1IsTheDefaultFallback()
    {
        var utf8 = DicomCharacterSet.FromTerms(["ISO_IR 192"], out _);
        Assert.Equal("Müller^José", utf8.Decode("Müller^José"u8));

        // Undeclared 8-bit bytes are not dropped.
        Assert.Equal("Ä", DicomCharacterSet.Default.Decode([0xC4]));
    }

    [Fact]
    public void UnknownTermFallsBackWithAWarning()
    {
        var cs = DicomCharacterSet.FromTerms(["ISO_IR 999"], out string? warning);
        Assert.NotNull(warning);
        Assert.Contains("ISO_IR 999", warning);
        Assert.Equal("abc", cs.Decode("abc"u8));
    }

    [Fact]
    public void SequenceItemsInheritTheCharacterSetOfTheirParent()
    {
        var item = new DicomDataset();
        var parent = new DicomDataset();
        parent.AddString(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        item.CharacterSet = parent.CharacterSet;
        item.AddString(DicomTags.PatientName, DicomVR.PN, "Ærø^Åse");
        parent.AddSequence(DicomTags.ReferencedPatientSequence, item);
        parent.AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        parent.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3");

        using var stream = new MemoryStream();
        DicomWriter.WriteFile(stream, parent);
        stream.Position = 0;
        var read = DicomFile.Read(stream);
        var nested = read.Dataset.GetSequence(DicomTags.ReferencedPatientSequence)!.Items[0];
        Assert.Equal("Ærø^Åse", nested.GetString(DicomTags.PatientName));
    }
}
