using System.Text.Json;
using NoduleScope.Detection.Learning;

namespace NoduleScope.Clinical.Characterization;

/// <summary>
/// The learned characterisation models (gradient-boosted trees over <see cref="NoduleImageFeatures"/>): one-vs-rest
/// type models, calcification, spiculation, ill-defined margin and malignancy. Trained on the tuning split of the LIDC crops by
/// <c>nodulescope train --model characterization</c>; model card docs/models/characterization.md.
/// </summary>
public sealed record CharacterizationModels
{
    public const string EmbeddedName = "NoduleScope.Clinical.Models.characterization.json";

    public required GradientBoostedTrees Solid { get; init; }

    public required GradientBoostedTrees PartSolid { get; init; }

    public required GradientBoostedTrees NonSolid { get; init; }

    public required GradientBoostedTrees Calcified { get; init; }

    public required GradientBoostedTrees Spiculated { get; init; }

    public required GradientBoostedTrees Malignant { get; init; }

    /// <summary>Ill-defined margin (LIDC margin rating 1–2, "poorly defined"), called from probability 0.5.</summary>
    public required GradientBoostedTrees IllDefinedMargin { get; init; }

    /// <summary>Calcification probability from which a nodule is called calcified (chosen on the tuning split's
    /// patient-grouped cross-validation for sensitivity ≥ 0.9 at the best specificity).</summary>
    public double CalcificationThreshold { get; init; } = 0.5;

    public IReadOnlyDictionary<string, string> Card { get; init; } = new Dictionary<string, string>();

    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["solid"] = Json(Solid), ["part_solid"] = Json(PartSolid), ["non_solid"] = Json(NonSolid),
        ["calcified"] = Json(Calcified), ["spiculated"] = Json(Spiculated), ["malignant"] = Json(Malignant), ["ill_defined_margin"] = Json(IllDefinedMargin),
        ["calcification_threshold"] = CalcificationThreshold, ["card"] = Card,
    });

    public static CharacterizationModels FromJson(string json, string source)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        GradientBoostedTrees Model(string name)
        {
            if (!root.TryGetProperty(name, out var element))
            {
                throw new InvalidDataException($"{source}: no '{name}' model");
            }

            var model = GradientBoostedTrees.FromJson(element.GetRawText(), source);
            if (!model.FeatureNames.SequenceEqual(NoduleImageFeatures.Names))
            {
                throw new InvalidDataException($"{source}: model '{name}' was trained on other features; retrain it");
            }

            return model;
        }

        var card = root.TryGetProperty("card", out var c) ? JsonSerializer.Deserialize<Dictionary<string, string>>(c.GetRawText()) ?? [] : [];
        return new CharacterizationModels
        {
            Solid = Model("solid"), PartSolid = Model("part_solid"), NonSolid = Model("non_solid"),
            Calcified = Model("calcified"), Spiculated = Model("spiculated"), Malignant = Model("malignant"), IllDefinedMargin = Model("ill_defined_margin"), Card = card,
            CalcificationThreshold = root.TryGetProperty("calcification_threshold", out var t) ? t.GetDouble() : 0.5,
        };
    }

    /// <summary>The models shipped in this assembly, or null when none are.</summary>
    public static CharacterizationModels? Embedded()
    {
        using var stream = typeof(CharacterizationModels).Assembly.GetManifestResourceStream(EmbeddedName);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return FromJson(reader.ReadToEnd(), EmbeddedName);
    }

    private static JsonElement Json(GradientBoostedTrees model) => JsonDocument.Parse(model.ToJson()).RootElement.Clone();
}
