using System.Net;

namespace NoduleScope.Dicom.Network;

/// <summary>
/// Which peers may open associations: on by default, and the default list is empty, so nobody may until peers are
/// listed (hardening rule 10). A peer must match an entry by calling AE title and remote address.
/// </summary>
public sealed record DicomAccessControl
{
    public IReadOnlyList<DicomAllowedPeer> AllowedPeers { get; init; } = [];

    /// <summary>Turns the allow-list off (any AE title from any address). For development only.</summary>
    public bool AllowAnyPeer { get; init; }

    /// <summary>Decides for a calling AE title and remote address; null when allowed.</summary>
    public DicomAssociationRejection? Check(string callingAeTitle, IPAddress remote)
    {
        if (AllowAnyPeer)
        {
            return null;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        bool aeKnown = false;
        foreach (var peer in AllowedPeers)
        {
            if (!string.Equals(peer.AeTitle, callingAeTitle, StringComparison.Ordinal))
            {
                continue;
            }

            aeKnown = true;
            if (peer.Network.BaseAddress.AddressFamily == remote.AddressFamily && peer.Network.Contains(remote))
            {
                return null;
            }
        }

        // A known AE title from an address it is not allowed to use gets no hint of which part was wrong.
        return aeKnown ? DicomAssociationRejection.NoReasonGiven : DicomAssociationRejection.CallingAeTitleNotRecognized;
    }
}
