using NoduleScope.Detection.Learning;

namespace NoduleScope.Detection.Candidates;

/// <summary>The shipped ranker of blob maxima (<c>nodulescope train</c>; model card docs/models/blob-ranker.md), embedded
/// in this assembly.</summary>
public static class BlobRankerModel
{
    public const string EmbeddedModelName = "NoduleScope.Detection.Models.blob-ranker.json";

    private static readonly Lazy<(GradientBoostedTrees Model, string Hash)?> Shipped = new(Load);

    /// <summary>The embedded ranker, or null when this build carries none (then maxima keep the hand-set ranking).</summary>
    public static GradientBoostedTrees? Embedded => Shipped.Value?.Model;

    public static string? EmbeddedHash => Shipped.Value?.Hash;

    public static GradientBoostedTrees FromFile(string path) => GradientBoostedTrees.FromJson(File.ReadAllText(path), path);

    private static (GradientBoostedTrees, string)? Load()
    {
        using var stream = typeof(BlobRankerModel).Assembly.GetManifestResourceStream(EmbeddedModelName);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        string json = reader.ReadToEnd();
        return (GradientBoostedTrees.FromJson(json, EmbeddedModelName), GradientBoostedTrees.Hash(json));
    }
}
