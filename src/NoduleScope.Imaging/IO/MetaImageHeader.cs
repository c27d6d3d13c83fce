using System.Globalization;
using System.Text;

namespace NoduleScope.Imaging.IO;

/// <summary>
/// The "Key = Value" lines of a MetaImage header, up to and including ElementDataFile (which MetaIO requires to be
/// the last key; in a .mha the binary data follows its line).
/// </summary>
internal sealed class MetaImageHeader
{
    /// <summary>A header longer than this is not a MetaImage header (real ones are well under 1 KiB).</summary>
    public const int MaxHeaderBytes = 1 << 20;

    private const int ReadBlock = 1 << 16;

    private readonly Dictionary<string, string> values;

    private MetaImageHeader(Dictionary<string, string> values, long dataOffset, string path)
    {
        this.values = values;
        DataOffset = dataOffset;
        Path = path;
    }

    /// <summary>Byte offset just past the ElementDataFile line (where LOCAL data starts).</summary>
    public long DataOffset { get; }

    public string Path { get; }

    /// <summary>Reads the header lines from the start of <paramref name="stream"/>, leaving its position undefined.</summary>
    public static MetaImageHeader Read(Stream stream, string path)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var buffer = new byte[(int)Math.Min(MaxHeaderBytes, Math.Max(stream.Length, 1))];
        int filled = 0;
        int lineStart = 0;
        int lineNumber = 0;
        while (true)
        {
            int newline = buffer.AsSpan(lineStart, filled - lineStart).IndexOf((byte)'\n');
            bool atEnd = false;
            if (newline < 0)
            {
                int n = filled < buffer.Length ? stream.Read(buffer, filled, Math.Min(ReadBlock, buffer.Length - filled)) : 0;
                if (n > 0)
                {
                    filled += n;
                    continue;
                }

                if (filled == MaxHeaderBytes)
                {
                    throw new VolumeFormatException(path, $"no ElementDataFile line in the first {MaxHeaderBytes} bytes; not a MetaImage header");
                }

                if (lineStart == filled)
                {
                    throw new VolumeFormatException(path, "the MetaImage header has no ElementDataFile line");
                }

                // The last line has no newline.
                newline = filled - lineStart;
                atEnd = true;
            }

            lineNumber++;
            ReadOnlySpan<byte> line = buffer.AsSpan(lineStart, newline).TrimEnd((byte)'\r');
            lineStart += atEnd ? newline : newline + 1;
            if (line.Trim((byte)' ').IsEmpty)
            {
                continue;
            }

            int equals = line.IndexOf((byte)'=');
            if (equals <= 0 || ContainsControlCharacter(line))
            {
                throw new VolumeFormatException(path, $"header line {lineNumber} is not 'Key = Value'; not a MetaImage header");
            }

            string key = Encoding.UTF8.GetString(line[..equals]).Trim();
            string value = Encoding.UTF8.GetString(line[(equals + 1)..]).Trim();
            values[key] = value;
            if (key.Equals("ElementDataFile", StringComparison.OrdinalIgnoreCase))
            {
                return new MetaImageHeader(values, lineStart, path);
            }
        }
    }

    public string? Get(string key) => values.GetValueOrDefault(key);

    /// <summary>The first of <paramref name="keys"/> present (MetaIO accepts synonyms such as Offset/Position/Origin).</summary>
    public string? GetAny(params ReadOnlySpan<string> keys)
    {
        foreach (string key in keys)
        {
            if (values.TryGetValue(key, out string? value))
            {
                return value;
            }
        }

        return null;
    }

    public bool GetBoolean(string key, bool fallback) => GetBoolean(Get(key), key, fallback);

    public bool GetBoolean(string? value, string key, bool fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        if (value.Equals("True", StringComparison.OrdinalIgnoreCase) || value == "1")
        {
            return true;
        }

        if (value.Equals("False", StringComparison.OrdinalIgnoreCase) || value == "0")
        {
            return false;
        }

        throw new VolumeFormatException(Path, $"{key} is '{Shorten(value)}'; expected True or False");
    }

    public long GetInteger(string key, long fallback)
    {
        string? value = Get(key);
        if (value is null)
        {
            return fallback;
        }

        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long result))
        {
            throw new VolumeFormatException(Path, $"{key} is '{Shorten(value)}'; expected an integer");
        }

        return result;
    }

    /// <summary>Exactly <paramref name="count"/> whitespace-separated numbers, or null when no key is present.</summary>
    public double[]? GetNumbers(int count, params ReadOnlySpan<string> keys)
    {
        string? value = GetAny(keys);
        if (value is null)
        {
            return null;
        }

        string key = keys[0];
        var result = new double[count];
        int found = 0;
        foreach (Range range in value.AsSpan().SplitAny(' ', '\t'))
        {
            ReadOnlySpan<char> token = value.AsSpan()[range];
            if (token.IsEmpty)
            {
                continue;
            }

            if (found == count)
            {
                throw new VolumeFormatException(Path, $"{key} has more than the {count} numbers expected: '{Shorten(value)}'");
            }

            if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
            {
                throw new VolumeFormatException(Path, $"{key} contains '{Shorten(token.ToString())}', which is not a number");
            }

            result[found++] = number;
        }

        if (found != count)
        {
            throw new VolumeFormatException(Path, $"{key} has {found} numbers; expected {count}");
        }

        return result;
    }

    private static bool ContainsControlCharacter(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            if (b < 0x20 && b != (byte)'\t')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Keeps hostile header values from flooding an error message.</summary>
    public static string Shorten(string value) => value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 77), "...");
}
