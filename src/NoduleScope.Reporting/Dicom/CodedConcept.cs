using NoduleScope.Dicom;

namespace NoduleScope.Reporting.Dicom;

/// <summary>A coded term, written as a DICOM code sequence item: (CodeValue, CodingSchemeDesignator, CodeMeaning).</summary>
public sealed record CodedConcept(string Value, string Scheme, string Meaning)
{
    /// <summary>The code sequence item for this concept.</summary>
    public DicomDataset ToItem()
    {
        var item = DerivedDataset.NewItem();
        item.AddString(DicomTags.CodeValue, DicomVR.SH, Value);
        item.AddString(DicomTags.CodingSchemeDesignator, DicomVR.SH, Scheme);
        item.AddString(DicomTags.CodeMeaning, DicomVR.LO, Meaning);
        return item;
    }

    /// <summary>The first item of the code sequence <paramref name="tag"/> in <paramref name="dataset"/>, or null.</summary>
    public static CodedConcept? FromSequence(DicomDataset dataset, DicomTag tag)
    {
        if (dataset.GetSequence(tag) is not { Items.Count: > 0 } sequence)
        {
            return null;
        }

        var item = sequence.Items[0];
        return new CodedConcept(item.GetString(DicomTags.CodeValue) ?? string.Empty, item.GetString(DicomTags.CodingSchemeDesignator) ?? string.Empty, item.GetString(DicomTags.CodeMeaning) ?? string.Empty);
    }

    /// <summary>Same code value and scheme (the meaning is display text and may differ).</summary>
    public bool SameCode(CodedConcept? other) => other is not null && other.Value == Value && other.Scheme == Scheme;

    public override string ToString() => $"({Value}, {Scheme}, \"{Meaning}\")";
}
