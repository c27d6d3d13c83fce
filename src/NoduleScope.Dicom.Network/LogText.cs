using System.Globalization;
using System.Text;

namespace NoduleScope.Dicom.Network;

/// <summary>Makes peer-supplied text safe to log (hardening rule 8): control and non-ASCII characters escaped, length capped.</summary>
internal static class LogText
{
    public static string Sanitize(string? text, int maxLength = 80)
    {
        if (text is null)
        {
            return "(none)";
        }

        var sb = new StringBuilder(Math.Min(text.Length, maxLength) + 8);
        foreach (char c in text)
        {
            if (sb.Length >= maxLength)
            {
                sb.Append('…');
                break;
            }

            if (c is >= (char)0x20 and <= (char)0x7E and not '\\' and not '<' and not '>' and not '&' and not '"' and not '\'')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}");
            }
        }

        return sb.ToString();
    }
}
