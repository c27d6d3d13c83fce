namespace NoduleScope.Dicom.Deidentification;

/// <summary>How <see cref="Deidentifier"/> works: the site key for UID replacement and the profile options applied.</summary>
public sealed record DeidentificationOptions
{
    /// <summary>Secret of the site (at least 16 bytes): the same key always maps a UID to the same replacement.</summary>
    public required ReadOnlyMemory<byte> SiteKey { get; init; }

    /// <summary>Options of PS3.15 Table E.1-1 to apply on top of the basic profile (see <see cref="Deidentifier.SupportedOptions"/>).</summary>
    public IReadOnlySet<DeidentificationOption> ProfileOptions { get; init; } = new HashSet<DeidentificationOption>();
}
