namespace NoduleScope.Service.Configuration;

/// <summary>One API key: its name (who holds it, for the logs) and the SHA-256 of the key, never the key itself.</summary>
public sealed record ApiKeySettings
{
    public string Name { get; init; } = string.Empty;

    /// <summary>Lower-case hexadecimal SHA-256 of the key (<c>nodulescope serve --new-api-key</c> prints both).</summary>
    public string Sha256 { get; init; } = string.Empty;
}
