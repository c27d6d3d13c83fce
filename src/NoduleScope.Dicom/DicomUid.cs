using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace NoduleScope.Dicom;

/// <summary>UIDs made by NoduleScope, under the 2.25 arc (a UUID as a decimal integer, PS3.5 §B.2).</summary>
public static class DicomUid
{
    /// <summary>Identifies this implementation in file meta information.</summary>
    public const string ImplementationClassUid = "2.25.186083165403186785766434734361522402421";

    public const string ImplementationVersionName = "NODULESCOPE_01";

    /// <summary>A new random UID.</summary>
    public static string Generate() => FromBytes(Guid.NewGuid().ToByteArray());

    /// <summary>A UID that is always the same for the same <paramref name="seed"/> (deterministic outputs and tests).</summary>
    public static string FromSeed(string seed) => FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes(seed)).AsSpan(0, 16).ToArray());

    public static bool IsValid(string? uid)
    {
        if (string.IsNullOrEmpty(uid) || uid.Length > 64 || uid[0] == '.' || uid[^1] == '.')
        {
            return false;
        }

        for (int i = 0; i < uid.Length; i++)
        {
            char c = uid[i];
            if (c == '.')
            {
                if (uid[i - 1] == '.')
                {
                    return false;
                }
            }
            else if (c is < '0' or > '9')
            {
                return false;
            }
            else if (c == '0' && (i == 0 || uid[i - 1] == '.') && i + 1 < uid.Length && uid[i + 1] != '.')
            {
                return false;
            }
        }

        return true;
    }

    private static string FromBytes(byte[] bytes)
    {
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        return "2.25." + value.ToString(CultureInfo.InvariantCulture);
    }
}
