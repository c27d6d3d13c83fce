using System.Net;

namespace NoduleScope.Service.Configuration;

/// <summary>Reads Kestrel URLs and tells loopback ones from those reachable from other machines.</summary>
public static class ListenAddresses
{
    /// <summary>Parses "http://HOST:PORT" or "https://HOST:PORT"; HOST may be an address, "localhost", "*" or "+".</summary>
    public static bool TryParse(string url, out string host, out bool https)
    {
        host = string.Empty;
        https = false;
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        string rest;
        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            rest = url[7..];
        }
        else if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            rest = url[8..];
            https = true;
        }
        else
        {
            return false;
        }

        int slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            rest = rest[..slash];
        }

        int colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest[(colon + 1)..], out int port) || port is < 0 or > 65535)
        {
            return false;
        }

        host = rest[..colon];
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        return host.Length > 0;
    }

    /// <summary>True only for loopback addresses and "localhost"; wildcards, other addresses and names are remote.</summary>
    public static bool IsLoopback(string url) =>
        TryParse(url, out string host, out _) &&
        (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address)));
}
