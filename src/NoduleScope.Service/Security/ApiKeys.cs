using System.Security.Cryptography;
using System.Text;

namespace NoduleScope.Service.Security;

/// <summary>API keys: 256 random bits, stored in the configuration only as their SHA-256 (a key that random needs no slow hash).</summary>
public static class ApiKeys
{
    /// <summary>A new key (URL-safe base64, 43 characters).</summary>
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Lower-case hexadecimal SHA-256 of the key's UTF-8 bytes, as written in http.apiKeys.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
