using FsCheck.Fluent;

namespace NoduleScope.Dicom.Tests.Properties;

public sealed class RoundTripProperties
{
    [Fact]
    public void WrittenDatasetsReadBackEqual()
    {
        var property = Prop.ForAll(DicomDatasetGenerators.Dataset().ToArbitrary(), dataset =>
        {
            dataset.AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
            dataset.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3.4");
            using var stream = new MemoryStream();
            DicomWriter.WriteFile(stream, dataset);
            stream.Position = 0;
            var read = DicomFile.Read(stream, "roundtrip.dcm");
            string? difference = DatasetEquivalence.FirstDifference(dataset, read.Dataset);
            Assert.True(difference is null, difference);
            Assert.Empty(read.Warnings);
        });
        FsCheck.Check.One(PropertyRuns.Config(maxTest: 300), property);
    }

    [Fact]
    public void ValuesOfEveryVrReadBackEqualInNestedSequences()
    {
        var gen = from vr in FsCheck.Fluent.Gen.Elements(Enum.GetValues<DicomVR>().Where(v => v.IsKnown() && v != DicomVR.SQ).ToArray())
                  from value in DicomDatasetGenerators.Value(vr)
                  select (vr, value);
        var property = Prop.ForAll(gen.ToArbitrary(), sample =>
        {
            var inner = new DicomDataset().Add(new DicomElement(new DicomTag(0x0011, 0x1010), sample.vr, sample.value));
            var dataset = new DicomDataset()
                .AddString(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7")
                .AddString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3.4")
                .AddSequence(DicomTags.DerivationCodeSequence, new DicomDataset().AddSequence(new DicomTag(0x0011, 0x1001), inner))
                .Add(new DicomElement(new DicomTag(0x0013, 0x1010), sample.vr, sample.value));
            using var stream = new MemoryStream();
            DicomWriter.WriteFile(stream, dataset);
            stream.Position = 0;
            string? difference = DatasetEquivalence.FirstDifference(dataset, DicomFile.Read(stream).Dataset);
            Assert.True(difference is null, $"{sample.vr.Code()}: {difference}");
        });
        FsCheck.Check.One(PropertyRuns.Config(maxTest: 400), property);
    }
}
