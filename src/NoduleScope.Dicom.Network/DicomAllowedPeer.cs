using System.Net;

namespace NoduleScope.Dicom.Network;

/// <summary>One entry of the allow-list: a calling AE title and the addresses it may call from.</summary>
public sealed record DicomAllowedPeer(string AeTitle, IPNetwork Network)
{
    /// <summary>An AE title calling from exactly one address.</summary>
    public DicomAllowedPeer(string aeTitle, IPAddress address)
        : this(aeTitle, new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))
    {
    }

    /// <summary>Parses "AETITLE@10.0.0.5" or "AETITLE@10.0.0.0/24".</summary>
    public static DicomAllowedPeer Parse(string text)
    {
        int at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            throw new FormatException($"'{text}' is not AETITLE@address or AETITLE@network/prefix");
        }

        string ae = text[..at].Trim();
        string network = text[(at + 1)..].Trim();
        AeTitles.Validate(ae, nameof(text));
        return network.Contains('/', StringComparison.Ordinal)
            ? new DicomAllowedPeer(ae, IPNetwork.Parse(network))
            : new DicomAllowedPeer(ae, IPAddress.Parse(network));
    }

    public override string ToString() => $"{AeTitle}@{Network}";
}
