namespace NoduleScope.Dicom.Network.Pdus;

/// <summary>
/// The user information item (PS3.7 Annex D.3.3): maximum length, implementation identification and the asynchronous
/// operations window. Sub-items we do not negotiate (role selection, extended negotiation, user identity) are skipped,
/// which the standard reads as "not supported" and leaves the default roles.
/// </summary>
internal sealed record UserInformation
{
    /// <summary>Largest P-DATA-TF PDU (its variable field) the sender of this item can receive; 0 means no limit.</summary>
    public uint MaxPduLength { get; init; }

    public string? ImplementationClassUid { get; init; }

    public string? ImplementationVersionName { get; init; }

    /// <summary>Present only when the item carried an asynchronous operations window sub-item.</summary>
    public (ushort Invoked, ushort Performed)? AsynchronousOperations { get; init; }
}
