using System.Text.Json;
using System.Text.Json.Serialization;

namespace NoduleScope.Clinical.Comparison.Document;

/// <summary>Reads and writes comparison.json (camelCase, indented, nulls left out).</summary>
public static class ComparisonJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write(ComparisonDocument document, string path)
    {
        using var stream = File.Create(path);
        JsonSerializer.Serialize(stream, document, Options);
    }

    public static string Serialize(ComparisonDocument document) => JsonSerializer.Serialize(document, Options);

    public static ComparisonDocument Read(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<ComparisonDocument>(stream, Options) ?? throw new InvalidDataException($"{path}: empty comparison document");
    }
}
