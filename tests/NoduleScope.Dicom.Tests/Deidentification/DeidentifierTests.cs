using System.Text;
using NoduleScope.Dicom.Deidentification;

namespace NoduleScope.Dicom.Tests.Deidentification;

public sealed class DeidentifierTests
{
    private const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
    private static readonly byte[] SiteKey = "test-site-key-0123456789abcdef"u8.ToArray();

    private static Deidentifier Basic(byte[]? key = null, params DeidentificationOption[] profileOptions) =>
        new(new DeidentificationOptions { SiteKey = key ?? SiteKey, ProfileOptions = profileOptions.ToHashSet() });

    [Fact]
    public void EveryAttributeOfTheTableGetsItsBasicProfileAction()
    {
        var source = DatasetWithEveryTableAttribute();
        var result = Basic().Deidentify(source);
        var mapper = new UidMapper(SiteKey);
        int checkedRules = 0;
        foreach (var rule in ConfidentialityProfile.Rules.Where(r => r.IsSingleTag && r.Tag.Group != 0x0002))
        {
            var tag = rule.Tag;
            var original = source.GetItem(tag)!;
            var item = result.GetItem(tag);
            string what = $"{rule} ({original.VR.Code()})";
            switch (rule.BasicProfile)
            {
                case DeidentificationAction.Remove:
                    Assert.True(item is null, what + " is still there");
                    break;
                case DeidentificationAction.ZeroLength or DeidentificationAction.RemoveOrZeroLength:
                    Assert.True(IsEmpty(item), what + " is not empty");
                    break;
                case DeidentificationAction.Dummy or DeidentificationAction.RemoveOrDummy or DeidentificationAction.ZeroLengthOrDummy or DeidentificationAction.RemoveZeroLengthOrDummy:
                    Assert.True(item is not null && !IsEmpty(item), what + " has no dummy value");
                    if (item is DicomSequence dummySequence)
                    {
                        Assert.True(dummySequence.Items.All(i => i.Count == 0), what + " dummy items are not empty");
                    }
                    else
                    {
                        Assert.False(((DicomElement)item).Data.Span.SequenceEqual(((DicomElement)original).Data.Span), what + " kept its value");
                    }

                    break;
                case DeidentificationAction.ReplaceUid:
                    var element = Assert.IsType<DicomElement>(item);
                    Assert.Equal(DicomVR.UI, element.VR);
                    Assert.Equal(mapper.Map(Text((DicomElement)original)), Text(element));
                    break;
                case DeidentificationAction.RemoveZeroLengthOrReplaceUids:
                    var sequence = Assert.IsType<DicomSequence>(item);
                    var inner = Assert.Single(sequence.Items);
                    Assert.Equal(mapper.Map(SampleUid), inner.GetString(DicomTags.ReferencedSOPInstanceUID));
                    Assert.Equal(CtImageStorage, inner.GetString(DicomTags.ReferencedSOPClassUID));
                    Assert.Equal(0, inner.GetElement(DicomTags.PatientName)!.Length);
                    break;
                default:
                    Assert.Fail($"{what}: unexpected basic action");
                    break;
            }

            checkedRules++;
        }

        Assert.True(checkedRules > 600, $"only {checkedRules} rows checked");
        Assert.Equal("YES", result.GetString(DicomTags.PatientIdentityRemoved));
    }

    [Fact]
    public void RemovedAttributesStayAbsentAfterWritingAndReadingBack()
    {
        var dataset = DatasetWithEveryTableAttribute();
        dataset.AddString(DicomTags.SOPClassUID, DicomVR.UI, CtImageStorage);
        dataset.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3.4.5.6");
        var file = new DicomFile(new DicomDataset(), dataset, DicomTransferSyntax.ExplicitVRLittleEndian, "all.dcm");
        var instance = Basic().Deidentify(file);
        using var stream = new MemoryStream();
        instance.Write(stream);
        stream.Position = 0;
        var read = DicomFile.Read(stream, "deidentified.dcm");
        foreach (var rule in ConfidentialityProfile.Rules.Where(r => r.IsSingleTag && r.BasicProfile == DeidentificationAction.Remove))
        {
            Assert.False(read.Dataset.Contains(rule.Tag), $"{rule} is in the written file");
        }

        Assert.False(read.Dataset.Items.Any(i => i.Tag.IsPrivate), "a private attribute was written");
        Assert.Equal(new UidMapper(SiteKey).Map("1.2.3.4.5.6"), read.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID));
        Assert.Equal(CtImageStorage, read.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID));
    }

    [Fact]
    public void PrivateCurveAndOverlayGroupsAreRemoved()
    {
        var ds = new DicomDataset();
        ds.AddString(new DicomTag(0x0009, 0x0010), DicomVR.LO, "ACME CREATOR");
        ds.AddString(new DicomTag(0x0009, 0x1001), DicomVR.LO, "Doe^John");
        ds.AddSequence(new DicomTag(0x0009, 0x1002), new DicomDataset().AddString(DicomTags.PatientName, "Doe^John"));
        ds.AddUInt16(new DicomTag(0x6000, 0x0010), 4);
        ds.Add(new DicomElement(new DicomTag(0x6000, 0x3000), DicomVR.OW, new byte[8]));
        ds.AddString(new DicomTag(0x6002, 0x4000), DicomVR.LT, "overlay text");
        ds.Add(new DicomElement(new DicomTag(0x5000, 0x3000), DicomVR.OW, new byte[8]));
        ds.AddUInt16(DicomTags.Rows, 4);
        var result = Basic().Deidentify(ds);
        Assert.DoesNotContain(result, i => i.Tag.IsPrivate || i.Tag.Group is >= 0x5000 and <= 0x60FF);
        Assert.True(result.Contains(DicomTags.Rows));
    }

    [Fact]
    public void SequencesAreDeidentifiedAtEveryDepth()
    {
        var inner = new DicomDataset()
            .AddString(DicomTags.PatientName, "Deep^Name")
            .AddString(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.3.99")
            .AddString(DicomTags.CodeMeaning, DicomVR.LO, "kept meaning");
        inner.AddString(new DicomTag(0x0011, 0x1001), DicomVR.LO, "private inside");
        var middle = new DicomDataset().AddSequence(DicomTags.AnatomicRegionSequence, inner).AddString(DicomTags.InstitutionName, DicomVR.LO, "St Elsewhere");
        var ds = new DicomDataset().AddSequence(DicomTags.DerivationCodeSequence, middle);
        var result = Basic().Deidentify(ds);
        var resultMiddle = Assert.Single(result.GetSequence(DicomTags.DerivationCodeSequence)!.Items);
        Assert.Equal(DummyValues.Text, resultMiddle.GetString(DicomTags.InstitutionName));
        var resultInner = Assert.Single(resultMiddle.GetSequence(DicomTags.AnatomicRegionSequence)!.Items);
        Assert.Equal(string.Empty, resultInner.GetString(DicomTags.PatientName));
        Assert.Equal(new UidMapper(SiteKey).Map("1.2.3.99"), resultInner.GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal("kept meaning", resultInner.GetString(DicomTags.CodeMeaning));
        Assert.DoesNotContain(resultInner, i => i.Tag.IsPrivate);

        // The input is left as it was.
        Assert.Equal("Deep^Name", inner.GetString(DicomTags.PatientName));
        Assert.Equal("St Elsewhere", middle.GetString(DicomTags.InstitutionName));
    }

    [Fact]
    public void UidsStayConsistentAcrossTheFilesOfASeries()
    {
        var deidentifier = Basic();
        var files = Enumerable.Range(1, 4).Select(i => deidentifier.Deidentify(SeriesInstance(i))).ToList();
        foreach (var tag in new[] { DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID, DicomTags.FrameOfReferenceUID })
        {
            var values = files.Select(f => f.GetString(tag)).Distinct().ToList();
            string value = Assert.Single(values)!;
            Assert.True(DicomUid.IsValid(value), value);
            Assert.NotEqual(SeriesInstance(1).GetString(tag), value);
        }

        var instances = files.Select(f => f.GetString(DicomTags.SOPInstanceUID)!).ToList();
        Assert.Equal(4, instances.Distinct().Count());
        Assert.All(instances, uid => Assert.True(DicomUid.IsValid(uid), uid));

        // A reference to instance 1 from instance 2 still points at instance 1's new UID.
        var reference = Assert.Single(files[1].GetSequence(DicomTags.ReferencedImageSequence)!.Items);
        Assert.Equal(instances[0], reference.GetString(DicomTags.ReferencedSOPInstanceUID));
    }

    [Fact]
    public void UidReplacementIsDeterministicPerKey()
    {
        var first = Basic().Deidentify(SeriesInstance(1));
        var again = Basic().Deidentify(SeriesInstance(1));
        var otherKey = Basic("another-site-key-0123456789"u8.ToArray()).Deidentify(SeriesInstance(1));
        foreach (var tag in new[] { DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID, DicomTags.SOPInstanceUID, DicomTags.FrameOfReferenceUID })
        {
            Assert.Equal(first.GetString(tag), again.GetString(tag));
            Assert.NotEqual(first.GetString(tag), otherKey.GetString(tag));
        }
    }

    [Fact]
    public void ZeroAndDummyValuesFollowTheVr()
    {
        var ds = new DicomDataset()
            .AddString(DicomTags.PatientName, "Doe^Jane")
            .AddString(DicomTags.PatientID, DicomVR.LO, "MRN123")
            .AddString(DicomTags.StudyDate, DicomVR.DA, "20240102")
            .AddString(DicomTags.ContentDate, DicomVR.DA, "20240102")
            .AddString(DicomTags.ContentTime, DicomVR.TM, "101112")
            .AddString(DicomTags.AcquisitionDateTime, DicomVR.DT, "20240102101112")
            .AddString(DicomTags.StationName, DicomVR.SH, "CT-ROOM-3");
        var result = Basic().Deidentify(ds);
        Assert.Equal(0, result.GetElement(DicomTags.PatientName)!.Length);
        Assert.Equal(0, result.GetElement(DicomTags.StudyDate)!.Length);
        Assert.Equal(DummyValues.Text, result.GetString(DicomTags.PatientID));
        Assert.Equal("19000101", result.GetString(DicomTags.ContentDate));
        Assert.Equal("000000", result.GetString(DicomTags.ContentTime));
        Assert.Equal("19000101000000", result.GetString(DicomTags.AcquisitionDateTime));
        Assert.Equal(DummyValues.Text, result.GetString(DicomTags.StationName));
        Assert.Equal(DicomVR.DA, result.GetElement(DicomTags.ContentDate)!.VR);
        Assert.All(result.OfType<DicomElement>(), e => Assert.True(e.Length % 2 == 0, $"{e} has odd length"));
    }

    [Fact]
    public void RetainLongitudinalFullDatesKeepsDatesAndSaysSo()
    {
        var ds = new DicomDataset()
            .AddString(DicomTags.StudyDate, DicomVR.DA, "20240102")
            .AddString(DicomTags.StudyTime, DicomVR.TM, "101112")
            .AddString(DicomTags.PatientName, "Doe^Jane");
        var kept = Basic(null, DeidentificationOption.RetainLongitudinalFullDates).Deidentify(ds);
        Assert.Equal("20240102", kept.GetString(DicomTags.StudyDate));
        Assert.Equal("101112", kept.GetString(DicomTags.StudyTime));
        Assert.Equal(string.Empty, kept.GetString(DicomTags.PatientName));
        Assert.Equal("UNMODIFIED", kept.GetString(DicomTags.LongitudinalTemporalInformationModified));
        Assert.Equal(["113100", "113106"], CodeValues(kept));
        Assert.Contains("Retain Longitudinal Temporal Information Full Dates", kept.GetStrings(DicomTags.DeidentificationMethod));

        var basic = Basic().Deidentify(ds);
        Assert.Equal(string.Empty, basic.GetString(DicomTags.StudyDate));
        Assert.Equal("REMOVED", basic.GetString(DicomTags.LongitudinalTemporalInformationModified));
        Assert.Equal(["113100"], CodeValues(basic));
        var code = Assert.Single(basic.GetSequence(DicomTags.DeidentificationMethodCodeSequence)!.Items);
        Assert.Equal("DCM", code.GetString(DicomTags.CodingSchemeDesignator));
        Assert.Equal("Basic Application Confidentiality Profile", code.GetString(DicomTags.CodeMeaning));
    }

    [Fact]
    public void RetainUidsKeepsUids()
    {
        var result = Basic(null, DeidentificationOption.RetainUids).Deidentify(SeriesInstance(1));
        Assert.Equal(SeriesInstance(1).GetString(DicomTags.SOPInstanceUID), result.GetString(DicomTags.SOPInstanceUID));
        Assert.Equal(["113100", "113110"], CodeValues(result));
    }

    [Fact]
    public void OptionsThatNeedCleaningAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Basic(null, DeidentificationOption.CleanDescriptors));
        Assert.Throws<ArgumentException>(() => Basic(null, DeidentificationOption.RetainLongitudinalModifiedDates));
        Assert.Throws<ArgumentException>(() => Basic(new byte[8]));
    }

    [Fact]
    public void PixelDataIsUntouched()
    {
        byte[] pixels = Enumerable.Range(0, 64).Select(i => (byte)(i * 7)).ToArray();
        var ds = SeriesInstance(1);
        ds.Add(new DicomElement(DicomTags.PixelData, DicomVR.OW, pixels));
        var result = Basic().Deidentify(ds);
        Assert.True(result.GetElement(DicomTags.PixelData)!.Data.Span.SequenceEqual(pixels));
        Assert.Equal(DicomVR.OW, result.GetElement(DicomTags.PixelData)!.VR);
    }

    [Fact]
    public void EncapsulatedPixelDataKeepsItsTransferSyntax()
    {
        var ds = SeriesInstance(1);
        ds.Add(new DicomFragmentSequence(DicomTags.PixelData, DicomVR.OB, ReadOnlyMemory<byte>.Empty, [new byte[] { 1, 2, 3, 4 }]));
        var instance = Basic().Deidentify(new DicomFile(new DicomDataset(), ds, DicomTransferSyntax.RleLossless));
        Assert.Equal(DicomTransferSyntax.RleLossless, instance.TransferSyntax);
        Assert.IsType<DicomFragmentSequence>(instance.Dataset.GetItem(DicomTags.PixelData));
    }

    [Fact]
    public void UnparsedSequencesAreRemovedWithAWarning()
    {
        var ds = new DicomDataset();
        ds.Add(new DicomElement(DicomTags.DerivationCodeSequence, DicomVR.UN, Encoding.ASCII.GetBytes("Doe^John")));
        var warnings = new List<string>();
        var result = Basic().Deidentify(ds, warnings);
        Assert.False(result.Contains(DicomTags.DerivationCodeSequence));
        Assert.Contains(warnings, w => w.Contains("unparsed", StringComparison.Ordinal));
    }

    [Fact]
    public void BurnedInAnnotationIsReported()
    {
        var ds = new DicomDataset().AddString(DicomTags.BurnedInAnnotation, DicomVR.CS, "YES");
        var warnings = new List<string>();
        Basic().Deidentify(ds, warnings);
        Assert.Contains(warnings, w => w.Contains("Burned In Annotation", StringComparison.Ordinal));
    }

    [Fact]
    public void FilesWithoutSopUidsCannotBeWritten()
    {
        var file = new DicomFile(new DicomDataset(), new DicomDataset().AddString(DicomTags.PatientName, "X"), DicomTransferSyntax.ExplicitVRLittleEndian, "bare.dcm");
        var e = Assert.Throws<DicomFormatException>(() => Basic().Deidentify(file));
        Assert.Equal("bare.dcm", e.FilePath);
    }

    [Fact]
    public void SopUidsSentAsUnAreWrittenAsUi()
    {
        // As in pydicom's rtdose_rle.dcm: explicit VR with the SOP UIDs encoded as UN.
        var ds = new DicomDataset()
            .Add(new DicomElement(DicomTags.SOPClassUID, DicomVR.UN, Encoding.ASCII.GetBytes(CtImageStorage)))
            .Add(new DicomElement(DicomTags.SOPInstanceUID, DicomVR.UN, Encoding.ASCII.GetBytes("1.2.3.4\0")));
        var meta = new DicomDataset().AddString(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, CtImageStorage);
        var instance = Basic().Deidentify(new DicomFile(meta, ds, DicomTransferSyntax.ExplicitVRLittleEndian, "un.dcm"));
        using var stream = new MemoryStream();
        instance.Write(stream);
        stream.Position = 0;
        var read = DicomFile.Read(stream);
        Assert.Equal(CtImageStorage, read.Dataset.GetString(DicomTags.SOPClassUID));
        Assert.Equal(new UidMapper(SiteKey).Map("1.2.3.4"), read.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID));
    }

    private const string SampleUid = "1.2.826.0.1.3680043.2.1125.1";

    /// <summary>One attribute for every single-tag row of the table, with a value of its dictionary VR, plus private, curve and overlay attributes.</summary>
    internal static DicomDataset DatasetWithEveryTableAttribute()
    {
        var ds = new DicomDataset();
        foreach (var rule in ConfidentialityProfile.Rules.Where(r => r.IsSingleTag))
        {
            var vr = DicomDictionary.ImplicitVR(rule.Tag);
            if (vr == DicomVR.UN && rule.BasicProfile == DeidentificationAction.ReplaceUid)
            {
                vr = DicomVR.UI;
            }

            ds.Add(SampleItem(rule.Tag, vr));
        }

        ds.AddString(new DicomTag(0x0029, 0x0010), DicomVR.LO, "PRIVATE CREATOR");
        ds.AddString(new DicomTag(0x0029, 0x1001), DicomVR.LO, "Doe^John");
        ds.Add(new DicomElement(new DicomTag(0x6000, 0x3000), DicomVR.OW, new byte[8]));
        ds.Add(new DicomElement(new DicomTag(0x5000, 0x3000), DicomVR.OW, new byte[8]));
        return ds;
    }

    private static DicomItem SampleItem(DicomTag tag, DicomVR vr)
    {
        if (vr == DicomVR.SQ)
        {
            var item = new DicomDataset()
                .AddString(DicomTags.ReferencedSOPClassUID, DicomVR.UI, CtImageStorage)
                .AddString(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, SampleUid)
                .AddString(DicomTags.PatientName, "Inner^Name");
            return new DicomSequence(tag, [item]);
        }

        string? text = vr switch
        {
            DicomVR.UI => SampleUid,
            DicomVR.DA => "20240102",
            DicomVR.TM => "101112",
            DicomVR.DT => "20240102101112",
            DicomVR.AS => "045Y",
            DicomVR.DS => "1.5",
            DicomVR.IS => "7",
            DicomVR.UR => "http://example.com/x",
            _ when vr.IsString() => "ORIGINAL VALUE",
            _ => null,
        };
        byte[] bytes = text is not null ? Encoding.ASCII.GetBytes(text.Length % 2 == 0 ? text : text + (vr == DicomVR.UI ? "\0" : " ")) : [1, 2, 3, 4, 5, 6, 7, 8];
        return new DicomElement(tag, vr, bytes);
    }

    /// <summary>Instance <paramref name="number"/> of a CT series; instance 2 and later reference instance 1.</summary>
    internal static DicomDataset SeriesInstance(int number)
    {
        var ds = new DicomDataset()
            .AddString(DicomTags.SOPClassUID, DicomVR.UI, CtImageStorage)
            .AddString(DicomTags.SOPInstanceUID, DicomVR.UI, $"1.2.826.0.1.3680043.2.1125.7.{number}")
            .AddString(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.5")
            .AddString(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.6")
            .AddString(DicomTags.FrameOfReferenceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.8")
            .AddString(DicomTags.PatientName, "Doe^Jane")
            .AddString(DicomTags.PatientID, DicomVR.LO, "MRN123");
        if (number > 1)
        {
            ds.AddSequence(DicomTags.ReferencedImageSequence, new DicomDataset()
                .AddString(DicomTags.ReferencedSOPClassUID, DicomVR.UI, CtImageStorage)
                .AddString(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.7.1"));
        }

        return ds;
    }

    private static string[] CodeValues(DicomDataset ds) =>
        [.. ds.GetSequence(DicomTags.DeidentificationMethodCodeSequence)!.Items.Select(i => i.GetString(DicomTags.CodeValue)!)];

    private static bool IsEmpty(DicomItem? item) => item switch
    {
        DicomSequence s => s.Items.Count == 0,
        DicomElement e => e.Length == 0,
        _ => false,
    };

    private static string Text(DicomElement e) => Encoding.ASCII.GetString(e.Data.Span).TrimEnd('\0', ' ');
}
