using System.Text.Json;

namespace NoduleScope.Clinical.Comparison;

/// <summary>
/// Reads the user's pairings: <c>{"pairs": [{"prior": 1, "current": 2}, {"prior": 3, "current": null}, {"current": 4}]}</c>
/// (docs/comparison.md). Ids are finding ids of each exam; a missing or null side forces the other unpaired.
/// </summary>
public static class PairOverridesFile
{
    /// <exception cref="InvalidDataException">The file is not such a document, or an id is repeated.</exception>
    public static IReadOnlyList<PairOverride> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Parse(stream, path);
    }

    public static IReadOnlyList<PairOverride> Parse(Stream stream, string name)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{name}: not valid JSON ({e.Message})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("pairs", out var pairs) || pairs.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{name}: expected an object with a \"pairs\" array");
            }

            var result = new List<PairOverride>();
            var priors = new HashSet<int>();
            var currents = new HashSet<int>();
            foreach (var pair in pairs.EnumerateArray())
            {
                if (pair.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException($"{name}: pair {result.Count + 1} is not an object");
                }

                int? prior = Id(pair, "prior", name, result.Count + 1);
                int? current = Id(pair, "current", name, result.Count + 1);
                if (prior is null && current is null)
                {
                    throw new InvalidDataException($"{name}: pair {result.Count + 1} names neither a prior nor a current finding");
                }

                if ((prior is { } p && !priors.Add(p)) || (current is { } c && !currents.Add(c)))
                {
                    throw new InvalidDataException($"{name}: pair {result.Count + 1} repeats a finding already paired");
                }

                result.Add(new PairOverride(prior, current));
            }

            return result;
        }
    }

    private static int? Id(JsonElement pair, string property, string name, int index)
    {
        if (!pair.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int id) || id < 1)
        {
            throw new InvalidDataException($"{name}: pair {index}: \"{property}\" must be a finding id (1, 2, …) or null");
        }

        return id;
    }
}
