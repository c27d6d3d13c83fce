using System.Text.Json.Serialization;

namespace NoduleScope.Cli.Reports;

/// <summary>Source-generated JSON for the CLI reports: camelCase names, indented, nulls written out.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(InfoReport))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
}
