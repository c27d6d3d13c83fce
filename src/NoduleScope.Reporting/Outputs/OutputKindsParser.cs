namespace NoduleScope.Reporting.Outputs;

/// <summary>Reads and writes the <c>--outputs</c> list: names separated by commas ("sr,seg,html"), "all" or "none".</summary>
public static class OutputKindsParser
{
    public const string Default = "sr,seg,sc,epdf,html,pdf,png";

    private static readonly (string Name, OutputKinds Kind)[] Names =
    [
        ("sr", OutputKinds.Sr),
        ("seg", OutputKinds.Seg),
        ("sc", OutputKinds.Sc),
        ("epdf", OutputKinds.Epdf),
        ("html", OutputKinds.Html),
        ("pdf", OutputKinds.Pdf),
        ("png", OutputKinds.Png),
    ];

    /// <summary>Every accepted name, for help and error messages.</summary>
    public static string Accepted => string.Join(", ", Names.Select(n => n.Name)) + ", all, none";

    /// <exception cref="FormatException">A name is not one of <see cref="Accepted"/>.</exception>
    public static OutputKinds Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kinds = OutputKinds.None;
        foreach (string raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string name = raw.ToLowerInvariant();
            if (name == "all")
            {
                kinds |= OutputKinds.All;
            }
            else if (name != "none")
            {
                var match = Names.FirstOrDefault(n => n.Name == name);
                kinds |= match.Name is null ? throw new FormatException($"unknown output '{raw}' (use {Accepted})") : match.Kind;
            }
        }

        return kinds;
    }

    /// <summary>The names of <paramref name="kinds"/>, comma separated, or "none".</summary>
    public static string Format(OutputKinds kinds)
    {
        var names = Names.Where(n => kinds.HasFlag(n.Kind)).Select(n => n.Name).ToList();
        return names.Count == 0 ? "none" : string.Join(",", names);
    }
}
