namespace NoduleScope.Dicom.Deidentification;

/// <summary>
/// One row of PS3.15 Table E.1-1. <see cref="Mask"/> has a zero nibble where the standard's tag has an x, so
/// (60xx,3000) is value 0x60003000 with mask 0xFF00FFFF; private attributes (odd groups) are value and mask 0x00010000.
/// </summary>
public sealed class ConfidentialityProfileRule
{
    private readonly DeidentificationAction[] optionActions;

    public ConfidentialityProfileRule(
        uint value,
        uint mask,
        string name,
        bool inStandardCompositeIod,
        DeidentificationAction basicProfile,
        DeidentificationAction retainSafePrivate = DeidentificationAction.None,
        DeidentificationAction retainUids = DeidentificationAction.None,
        DeidentificationAction retainDeviceIdentity = DeidentificationAction.None,
        DeidentificationAction retainInstitutionIdentity = DeidentificationAction.None,
        DeidentificationAction retainPatientCharacteristics = DeidentificationAction.None,
        DeidentificationAction retainLongitudinalFullDates = DeidentificationAction.None,
        DeidentificationAction retainLongitudinalModifiedDates = DeidentificationAction.None,
        DeidentificationAction cleanDescriptors = DeidentificationAction.None,
        DeidentificationAction cleanStructuredContent = DeidentificationAction.None,
        DeidentificationAction cleanGraphics = DeidentificationAction.None)
    {
        Value = value;
        Mask = mask;
        Name = name;
        InStandardCompositeIod = inStandardCompositeIod;
        BasicProfile = basicProfile;

        // In the order of DeidentificationOption.
        optionActions =
        [
            retainSafePrivate, retainUids, retainDeviceIdentity, retainInstitutionIdentity, retainPatientCharacteristics,
            retainLongitudinalFullDates, retainLongitudinalModifiedDates, cleanDescriptors, cleanStructuredContent, cleanGraphics,
        ];
    }

    public uint Value { get; }

    public uint Mask { get; }

    public string Name { get; }

    /// <summary>The table's "in standard composite IODs" column.</summary>
    public bool InStandardCompositeIod { get; }

    public DeidentificationAction BasicProfile { get; }

    /// <summary>True for a row that names one attribute (no x in its tag).</summary>
    public bool IsSingleTag => Mask == 0xFFFFFFFF;

    /// <summary>The tag of a single-tag row.</summary>
    public DicomTag Tag => new(Value);

    public bool Matches(DicomTag tag) => (tag.Value & Mask) == Value;

    /// <summary>The action in <paramref name="option"/>'s column, or <see cref="DeidentificationAction.None"/> when it does not name this attribute.</summary>
    public DeidentificationAction ActionFor(DeidentificationOption option) =>
        (uint)option < (uint)optionActions.Length ? optionActions[(int)option] : throw new ArgumentOutOfRangeException(nameof(option), option, null);

    /// <summary>The tag as the standard writes it, e.g. "(60xx,3000)".</summary>
    public string TagPattern
    {
        get
        {
            if (Value == 0x00010000 && Mask == 0x00010000)
            {
                return "(gggg,eeee) with odd gggg";
            }

            Span<char> digits = stackalloc char[8];
            for (int i = 0; i < 8; i++)
            {
                int shift = 28 - (4 * i);
                digits[i] = ((Mask >> shift) & 0xF) == 0 ? 'x' : "0123456789ABCDEF"[(int)((Value >> shift) & 0xF)];
            }

            return $"({digits[..4]},{digits[4..]})";
        }
    }

    public override string ToString() => $"{TagPattern} {Name}: {BasicProfile}";
}
