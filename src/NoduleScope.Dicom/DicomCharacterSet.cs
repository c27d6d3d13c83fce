using System.Text;

namespace NoduleScope.Dicom;

/// <summary>
/// Decodes text values by the dataset's Specific Character Set (0008,0005): single-byte ISO 8859 sets, UTF-8, GB18030,
/// GBK and the ISO 2022 code extensions with escape sequences (Japanese, Korean, Chinese) of PS3.5 §6.1.
/// </summary>
public sealed class DicomCharacterSet
{
    private const byte Escape = 0x1B;

    static DicomCharacterSet()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private readonly Encoding first;
    private readonly bool usesCodeExtensions;

    private DicomCharacterSet(string[] terms, Encoding first, bool usesCodeExtensions)
    {
        Terms = terms;
        this.first = first;
        this.usesCodeExtensions = usesCodeExtensions;
    }

    /// <summary>The default repertoire. Undeclared 8-bit bytes are read as Latin-1 rather than lost.</summary>
    public static DicomCharacterSet Default { get; } = new([], Latin1(), false);

    public static DicomCharacterSet Utf8 { get; } = new(["ISO_IR 192"], new UTF8Encoding(false), false);

    /// <summary>The defined terms, as in the dataset.</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>The encoding used to write text in this character set (the first term's encoding).</summary>
    public Encoding Encoding => first;

    /// <summary>Builds the character set from the values of (0008,0005); unknown terms fall back to Latin-1 with
    /// <paramref name="warning"/> set.</summary>
    public static DicomCharacterSet FromTerms(IReadOnlyList<string> terms, out string? warning)
    {
        warning = null;
        if (terms.Count == 0 || (terms.Count == 1 && string.IsNullOrWhiteSpace(terms[0])))
        {
            return Default;
        }

        string[] cleaned = new string[terms.Count];
        for (int i = 0; i < terms.Count; i++)
        {
            cleaned[i] = terms[i].Trim().ToUpperInvariant();
        }

        bool extensions = false;
        foreach (string t in cleaned)
        {
            extensions |= t.StartsWith("ISO 2022", StringComparison.Ordinal);
        }

        Encoding? encoding = EncodingFor(cleaned[0].Length == 0 ? "ISO_IR 6" : cleaned[0]);
        if (encoding is null)
        {
            warning = $"unknown Specific Character Set '{terms[0]}', text read as ISO 8859-1";
            encoding = Latin1();
        }

        return new DicomCharacterSet(cleaned, encoding, extensions);
    }

    public string Decode(ReadOnlySpan<byte> bytes)
    {
        if (!usesCodeExtensions || bytes.IndexOf(Escape) < 0)
        {
            return first.GetString(bytes);
        }

        return DecodeWithEscapes(bytes);
    }

    public byte[] Encode(string text) => first.GetBytes(text);

    /// <summary>ISO 2022: escape sequences switch the G0/G1 sets; delimiters ('\', '=', '^', CR, LF, FF, TAB) reset to the first set.</summary>
    private string DecodeWithEscapes(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        Encoding current = first;
        int runStart = 0;
        int i = 0;
        while (i < bytes.Length)
        {
            byte b = bytes[i];
            if (b == Escape)
            {
                sb.Append(current.GetString(bytes[runStart..i]));
                int length = EscapeLength(bytes[i..]);
                Encoding? next = EncodingForEscape(bytes.Slice(i, length));
                current = next ?? current;
                i += length;
                runStart = i;
                continue;
            }

            // In two-byte JIS X 0208 mode a delimiter byte is half of a character, not a delimiter.
            if (current is not Iso2022JisX0208 && b is (byte)'\\' or (byte)'=' or (byte)'^' or 0x0D or 0x0A or 0x0C or 0x09)
            {
                sb.Append(current.GetString(bytes[runStart..i]));
                sb.Append((char)b);
                current = first;
                runStart = i + 1;
            }

            i++;
        }

        sb.Append(current.GetString(bytes[runStart..]));
        return sb.ToString();
    }

    private static int EscapeLength(ReadOnlySpan<byte> s)
    {
        // ESC followed by intermediate bytes (0x20-0x2F) and one final byte.
        int n = 1;
        while (n < s.Length && s[n] is >= 0x20 and <= 0x2F)
        {
            n++;
        }

        return Math.Min(n + 1, s.Length);
    }

    private static Encoding? EncodingForEscape(ReadOnlySpan<byte> esc)
    {
        string seq = Encoding.ASCII.GetString(esc[1..]);
        return seq switch
        {
            "(B" => Latin1(),                      // ISO 646 (ASCII) G0
            "(J" => Latin1(),                      // JIS X 0201 Romaji: ASCII-compatible for our purposes
            ")I" => Get(932),                      // JIS X 0201 Katakana (single-byte half-width, as in Shift_JIS)
            "-A" => Latin1(),
            "-B" => Get(28592),
            "-C" => Get(28593),
            "-D" => Get(28594),
            "-L" => Get(28595),
            "-G" => Get(28596),
            "-F" => Get(28597),
            "-H" => Get(28598),
            "-M" => Get(28599),
            "-T" => Get(874),
            "$B" => new Iso2022JisX0208(),         // JIS X 0208 as 7-bit pairs
            "$(D" => new Iso2022JisX0208(),        // JIS X 0212: decoded with the same table where possible
            "$)C" => Get(51949),                   // KS X 1001 in G1 (EUC-KR bytes)
            "$)A" => Get(936),                     // GB 2312 in G1 (EUC-CN bytes)
            _ => null,
        };
    }

    private static Encoding? EncodingFor(string term) => term switch
    {
        "ISO_IR 6" or "ISO 2022 IR 6" => Latin1(),
        "ISO_IR 100" or "ISO 2022 IR 100" => Latin1(),
        "ISO_IR 101" or "ISO 2022 IR 101" => Get(28592),
        "ISO_IR 109" or "ISO 2022 IR 109" => Get(28593),
        "ISO_IR 110" or "ISO 2022 IR 110" => Get(28594),
        "ISO_IR 144" or "ISO 2022 IR 144" => Get(28595),
        "ISO_IR 127" or "ISO 2022 IR 127" => Get(28596),
        "ISO_IR 126" or "ISO 2022 IR 126" => Get(28597),
        "ISO_IR 138" or "ISO 2022 IR 138" => Get(28598),
        "ISO_IR 148" or "ISO 2022 IR 148" => Get(28599),
        "ISO_IR 203" or "ISO 2022 IR 203" => Get(28605),
        "ISO_IR 166" or "ISO 2022 IR 166" => Get(874),
        "ISO_IR 13" or "ISO 2022 IR 13" => Get(932),
        "ISO 2022 IR 87" or "ISO 2022 IR 159" => Latin1(),
        "ISO 2022 IR 149" => Latin1(),
        "ISO 2022 IR 58" => Latin1(),
        "ISO_IR 192" => new UTF8Encoding(false),
        "GB18030" => Get(54936),
        "GBK" => Get(936),
        _ => null,
    };

    private static Encoding Get(int codePage) => Encoding.GetEncoding(codePage);

    private static Encoding Latin1() => Encoding.Latin1;

    /// <summary>Decodes 7-bit JIS X 0208 byte pairs by re-wrapping them as ISO-2022-JP.</summary>
    private sealed class Iso2022JisX0208 : Encoding
    {
        private static readonly Encoding Jis = GetEncoding(50220);

        public override int GetByteCount(char[] chars, int index, int count) => Jis.GetByteCount(chars, index, count);

        public override int GetBytes(char[] chars, int charIndex, int charCount, byte[] bytes, int byteIndex) =>
            Jis.GetBytes(chars, charIndex, charCount, bytes, byteIndex);

        public override int GetCharCount(byte[] bytes, int index, int count) => GetChars(bytes, index, count).Length;

        public override int GetChars(byte[] bytes, int byteIndex, int byteCount, char[] chars, int charIndex)
        {
            char[] decoded = GetChars(bytes, byteIndex, byteCount);
            decoded.CopyTo(chars, charIndex);
            return decoded.Length;
        }

        public override char[] GetChars(byte[] bytes, int index, int count)
        {
            byte[] wrapped = new byte[count + 3];
            wrapped[0] = Escape;
            wrapped[1] = (byte)'$';
            wrapped[2] = (byte)'B';
            Array.Copy(bytes, index, wrapped, 3, count);
            return Jis.GetChars(wrapped);
        }

        public override int GetMaxByteCount(int charCount) => Jis.GetMaxByteCount(charCount);

        public override int GetMaxCharCount(int byteCount) => byteCount;
    }
}
