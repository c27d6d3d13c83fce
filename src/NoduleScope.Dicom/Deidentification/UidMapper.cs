using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace NoduleScope.Dicom.Deidentification;

/// <summary>
/// Replaces UIDs deterministically per site key: HMAC-SHA256(key, UID) made into a name-based UUID (version 8) and
/// written under the 2.25 arc (PS3.5 §B.2). The same UID always gets the same replacement under one key, so the study,
/// series and frame-of-reference relations of many files stay intact; without the key the mapping cannot be reversed
/// or checked against a guessed UID.
/// </summary>
public sealed class UidMapper
{
    public const int MinimumKeyBytes = 16;

    private readonly byte[] key;

    public UidMapper(ReadOnlySpan<byte> siteKey)
    {
        if (siteKey.Length < MinimumKeyBytes)
        {
            throw new ArgumentException($"the site key needs at least {MinimumKeyBytes} bytes, got {siteKey.Length}", nameof(siteKey));
        }

        key = siteKey.ToArray();
    }

    /// <summary>The replacement of <paramref name="uid"/> (padding ignored); an empty UID stays empty.</summary>
    public string Map(string uid)
    {
        string trimmed = uid.Trim(' ', '\0');
        if (trimmed.Length == 0)
        {
            return string.Empty;
        }

        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes("uid:" + trimmed), hash);
        Span<byte> uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x80);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return "2.25." + new BigInteger(uuid, isUnsigned: true, isBigEndian: true).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Maps each value of a multi-valued UI text ("1.2\3.4").</summary>
    public string MapAll(string values)
    {
        string[] parts = values.TrimEnd(' ', '\0').Split('\\');
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = Map(parts[i]);
        }

        return string.Join('\\', parts);
    }
}
