using System.Text;

namespace NoduleScope.Dicom.Deidentification;

/// <summary>
/// De-identifies datasets with the Basic Application Level Confidentiality Profile of DICOM PS3.15 Annex E, from the
/// generated Table E.1-1 (<see cref="ConfidentialityProfile.Rules"/>). Every attribute at every nesting level gets its
/// action; attributes the table does not list are kept. Pixel data is not touched (the Clean Pixel Data option is not
/// implemented: a file that says it has burned-in annotation gets a warning). Thread-safe; the input is not changed.
/// </summary>
/// <remarks>
/// The composite actions (X/Z, X/D, Z/D, X/Z/D, X/Z/U*) depend on whether the IOD needs the attribute, which the table
/// does not say; a present attribute then gets the last alternative, the one that keeps every IOD conformant: X/Z → Z,
/// X/D, Z/D and X/Z/D → D, X/Z/U* → keep the sequence and replace the UIDs inside it. A dummy (D) sequence becomes one
/// empty item and a zero-length (Z) sequence has no items, because an item cannot be filled with dummies without
/// knowing its macro. In options, K keeps the attribute; C (clean) is applied as the basic action, which is stricter.
/// </remarks>
public sealed class Deidentifier
{
    private const string MethodDescription = "NoduleScope PS3.15 Annex E Basic Profile";

    private readonly DeidentificationOptions options;
    private readonly DeidentificationOption[] enabledOptions;
    private readonly UidMapper uids;
    private readonly bool removeOverlays;

    public Deidentifier(DeidentificationOptions options)
    {
        foreach (var option in options.ProfileOptions)
        {
            if (!SupportedOptions.Contains(option))
            {
                throw new ArgumentException($"the {DeidentificationMethodCodes.For(option).CodeMeaning} needs cleaning or date shifting, which is not implemented", nameof(options));
            }
        }

        this.options = options;
        enabledOptions = [.. options.ProfileOptions.Order()];
        uids = new UidMapper(options.SiteKey.Span);
        removeOverlays = Resolve(ConfidentialityProfile.Find(new DicomTag(0x6000, 0x3000))) == DeidentificationAction.Remove;
    }

    /// <summary>The options whose columns hold only K, or C where applying the basic action instead is stricter.</summary>
    public static IReadOnlySet<DeidentificationOption> SupportedOptions { get; } = new HashSet<DeidentificationOption>
    {
        DeidentificationOption.RetainUids,
        DeidentificationOption.RetainDeviceIdentity,
        DeidentificationOption.RetainInstitutionIdentity,
        DeidentificationOption.RetainPatientCharacteristics,
        DeidentificationOption.RetainLongitudinalFullDates,
    };

    public UidMapper Uids => uids;

    /// <summary>De-identifies a file read in full; the result is written with new file meta information.</summary>
    /// <exception cref="DicomFormatException">the file has no SOP Class or SOP Instance UID, so it cannot be written as Part 10.</exception>
    public DeidentifiedInstance Deidentify(DicomFile file)
    {
        var warnings = new List<string>();
        var dataset = Deidentify(file.Dataset, warnings);
        string? sopClass = UidText(file.Dataset, DicomTags.SOPClassUID) ?? UidText(file.FileMetaInformation, DicomTags.MediaStorageSOPClassUID);
        string? sopInstance = UidText(file.Dataset, DicomTags.SOPInstanceUID) ?? UidText(file.FileMetaInformation, DicomTags.MediaStorageSOPInstanceUID);
        if (string.IsNullOrEmpty(sopClass) || string.IsNullOrEmpty(sopInstance))
        {
            throw new DicomFormatException("no SOP Class UID or SOP Instance UID: cannot be written as a DICOM file", file.FilePath);
        }

        // Absent, or present as UN (some writers send UIDs so): the writer needs them as UI text.
        if (string.IsNullOrEmpty(dataset.GetString(DicomTags.SOPClassUID)))
        {
            dataset.AddString(DicomTags.SOPClassUID, DicomVR.UI, sopClass);
        }

        if (string.IsNullOrEmpty(dataset.GetString(DicomTags.SOPInstanceUID)))
        {
            dataset.AddString(DicomTags.SOPInstanceUID, DicomVR.UI, ResolveUidAction() == DeidentificationAction.Keep ? sopInstance : uids.Map(sopInstance));
        }

        var syntax = dataset.GetItem(DicomTags.PixelData) is DicomFragmentSequence ? file.TransferSyntax : DicomTransferSyntax.ExplicitVRLittleEndian;
        return new DeidentifiedInstance(dataset, syntax, warnings);
    }

    /// <summary>A de-identified copy of <paramref name="dataset"/> with Patient Identity Removed and the method recorded.</summary>
    public DicomDataset Deidentify(DicomDataset dataset, List<string>? warnings = null)
    {
        warnings ??= [];
        var result = Process(dataset, warnings);
        if (string.Equals(dataset.GetString(DicomTags.BurnedInAnnotation), "YES", StringComparison.OrdinalIgnoreCase))
        {
            warnings.Add("Burned In Annotation is YES: the pixel data may show identifying text (the Clean Pixel Data option is not applied)");
        }

        RecordMethod(result);
        return result;
    }

    private DicomDataset Process(DicomDataset source, List<string> warnings)
    {
        var target = new DicomDataset { CharacterSet = source.CharacterSet };
        foreach (var item in source)
        {
            var tag = item.Tag;
            if (tag.IsGroupLength || tag.Group == 0x0002)
            {
                continue;
            }

            if (removeOverlays && IsOverlayGroup(tag.Group))
            {
                // Without its Overlay Data (X) an overlay plane is not valid, so the whole group goes.
                continue;
            }

            var action = Resolve(ConfidentialityProfile.Find(tag));
            if (item is DicomElement { VR: DicomVR.UN } unknown && DicomDictionary.ImplicitVR(tag) == DicomVR.SQ && action != DeidentificationAction.Remove)
            {
                // A sequence the reader could not parse: what it holds cannot be checked, so it cannot be kept.
                warnings.Add($"{DicomDictionary.Describe(tag)} is a sequence held as unparsed bytes ({unknown.Length} bytes); removed");
                continue;
            }

            var replaced = Apply(item, action, warnings);
            if (replaced is not null)
            {
                target.Add(replaced);
            }
        }

        return target;
    }

    private DicomItem? Apply(DicomItem item, DeidentificationAction action, List<string> warnings)
    {
        switch (action)
        {
            case DeidentificationAction.Remove:
                return null;
            case DeidentificationAction.ZeroLength:
                return item is DicomSequence ? new DicomSequence(item.Tag) : new DicomElement(item.Tag, ValueVR(item), ReadOnlyMemory<byte>.Empty);
            case DeidentificationAction.Dummy:
                return item switch
                {
                    DicomSequence => new DicomSequence(item.Tag, [new DicomDataset()]),
                    DicomElement { VR: DicomVR.UI } e => Uid(e, DummyUid(e)),
                    _ => new DicomElement(item.Tag, ValueVR(item), DummyValues.For(ValueVR(item))),
                };
            case DeidentificationAction.ReplaceUid:
                return item switch
                {
                    DicomSequence sequence => Recurse(sequence, warnings),
                    DicomElement { IsLoaded: true } e when e.VR is DicomVR.UI or DicomVR.UN => Uid(e, uids.MapAll(Encoding.ASCII.GetString(e.Data.Span))),
                    _ => new DicomElement(item.Tag, ValueVR(item), ReadOnlyMemory<byte>.Empty),
                };
            default:
                return item is DicomSequence kept ? Recurse(kept, warnings) : item;
        }
    }

    private DicomSequence Recurse(DicomSequence sequence, List<string> warnings)
    {
        var copy = new DicomSequence(sequence.Tag);
        foreach (var child in sequence.Items)
        {
            copy.Items.Add(Process(child, warnings));
        }

        return copy;
    }

    /// <summary>The action for an attribute under the enabled options, with composite actions resolved (see remarks).</summary>
    private DeidentificationAction Resolve(ConfidentialityProfileRule? rule)
    {
        if (rule is null)
        {
            return DeidentificationAction.Keep;
        }

        foreach (var option in enabledOptions)
        {
            if (rule.ActionFor(option) == DeidentificationAction.Keep)
            {
                return DeidentificationAction.Keep;
            }
        }

        return rule.BasicProfile switch
        {
            DeidentificationAction.RemoveOrZeroLength => DeidentificationAction.ZeroLength,
            DeidentificationAction.RemoveOrDummy or DeidentificationAction.ZeroLengthOrDummy or DeidentificationAction.RemoveZeroLengthOrDummy => DeidentificationAction.Dummy,
            DeidentificationAction.RemoveZeroLengthOrReplaceUids => DeidentificationAction.ReplaceUid,
            DeidentificationAction.None or DeidentificationAction.Clean => DeidentificationAction.Remove,
            var plain => plain,
        };
    }

    private DeidentificationAction ResolveUidAction() => Resolve(ConfidentialityProfile.Find(DicomTags.SOPInstanceUID));

    /// <summary>A UID value, also when it was sent as UN; null when absent or empty.</summary>
    private static string? UidText(DicomDataset dataset, DicomTag tag)
    {
        if (dataset.GetItem(tag) is not DicomElement { IsLoaded: true, VR: DicomVR.UI or DicomVR.UN } element)
        {
            return null;
        }

        string text = Encoding.ASCII.GetString(element.Data.Span).Trim(' ', '\0');
        return text.Length == 0 ? null : text;
    }

    private string DummyUid(DicomElement element) =>
        uids.Map(element.IsLoaded && element.Length > 0 ? Encoding.ASCII.GetString(element.Data.Span) : "dummy:" + element.Tag);

    private static DicomElement Uid(DicomItem item, string value)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(value.Length % 2 == 0 ? value : value + "\0");
        return new DicomElement(item.Tag, DicomVR.UI, bytes);
    }

    /// <summary>The VR for a replacement value: the element's own, or the dictionary's when it was read as UN.</summary>
    private static DicomVR ValueVR(DicomItem item)
    {
        if (item.VR is not (DicomVR.UN or DicomVR.None))
        {
            return item.VR;
        }

        var vr = DicomDictionary.ImplicitVR(item.Tag);
        return vr is DicomVR.SQ or DicomVR.None ? DicomVR.UN : vr;
    }

    /// <summary>Overlay planes live in the even groups 6000-601E (PS3.3 C.9.2).</summary>
    private static bool IsOverlayGroup(ushort group) => group is >= 0x6000 and <= 0x601E && (group & 1) == 0;

    private void RecordMethod(DicomDataset dataset)
    {
        dataset.AddString(DicomTags.PatientIdentityRemoved, DicomVR.CS, "YES");
        var descriptions = new List<string> { MethodDescription };
        var codes = new List<DicomDataset> { CodeItem(DeidentificationMethodCodes.BasicProfile) };
        foreach (var option in enabledOptions)
        {
            var code = DeidentificationMethodCodes.For(option);
            descriptions.Add(code.CodeMeaning.EndsWith(" Option", StringComparison.Ordinal) ? code.CodeMeaning[..^7] : code.CodeMeaning);
            codes.Add(CodeItem(code));
        }

        dataset.AddString(DicomTags.DeidentificationMethod, DicomVR.LO, string.Join('\\', descriptions));
        dataset.Add(new DicomSequence(DicomTags.DeidentificationMethodCodeSequence, codes));
        bool datesKept = options.ProfileOptions.Contains(DeidentificationOption.RetainLongitudinalFullDates);
        dataset.AddString(DicomTags.LongitudinalTemporalInformationModified, DicomVR.CS, datesKept ? "UNMODIFIED" : "REMOVED");
    }

    private static DicomDataset CodeItem(DeidentificationMethodCode code) => new DicomDataset()
        .AddString(DicomTags.CodeValue, DicomVR.SH, code.CodeValue)
        .AddString(DicomTags.CodingSchemeDesignator, DicomVR.SH, DeidentificationMethodCode.CodingSchemeDesignator)
        .AddString(DicomTags.CodeMeaning, DicomVR.LO, code.CodeMeaning);
}
