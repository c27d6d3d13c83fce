namespace NoduleScope.Dicom.Deidentification;

/// <summary>The action codes of PS3.15 Table E.1-1 (the standard's letter code in brackets).</summary>
public enum DeidentificationAction : byte
{
    /// <summary>The column does not name the attribute.</summary>
    None = 0,

    /// <summary>[K] keep (sequences: keep, and de-identify their items).</summary>
    Keep,

    /// <summary>[C] clean: replace with values of similar meaning known not to identify anyone.</summary>
    Clean,

    /// <summary>[X] remove.</summary>
    Remove,

    /// <summary>[Z] replace with a zero-length value.</summary>
    ZeroLength,

    /// <summary>[D] replace with a non-zero-length dummy value consistent with the VR.</summary>
    Dummy,

    /// <summary>[U] replace the UID with one that is consistent within the set of de-identified instances.</summary>
    ReplaceUid,

    /// <summary>[X/Z] X unless Z is needed to keep the IOD conformant (Type 2).</summary>
    RemoveOrZeroLength,

    /// <summary>[X/D] X unless D is needed to keep the IOD conformant (Type 1).</summary>
    RemoveOrDummy,

    /// <summary>[Z/D] Z unless D is needed to keep the IOD conformant (Type 1).</summary>
    ZeroLengthOrDummy,

    /// <summary>[X/Z/D] X unless Z or D is needed to keep the IOD conformant.</summary>
    RemoveZeroLengthOrDummy,

    /// <summary>[X/Z/U*] X unless Z or replacing the contained instance UIDs is needed (reference sequences).</summary>
    RemoveZeroLengthOrReplaceUids,
}
