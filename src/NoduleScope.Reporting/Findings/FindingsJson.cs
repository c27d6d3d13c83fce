using System.Text.Json;
using System.Text.Json.Serialization;

namespace NoduleScope.Reporting.Findings;

/// <summary>Reads and writes findings.json (camelCase, indented).</summary>
public static class FindingsJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write(FindingsDocument document, string path)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, document, Options);
    }

    public static string Serialize(FindingsDocument document) => JsonSerializer.Serialize(document, Options);

    public static string Serialize(FindingsNodule nodule) => JsonSerializer.Serialize(nodule, Options);

    public static FindingsDocument Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<FindingsDocument>(stream, Options) ?? throw new InvalidDataException($"{path}: empty findings document");
    }
}
