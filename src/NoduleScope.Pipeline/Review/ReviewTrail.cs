using System.Text.Json;
using System.Text.Json.Serialization;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Pipeline.Review;

/// <summary>
/// The audit trail of a review, kept in review.json (next to findings.json for <c>nodulescope review</c>, per study for
/// the service): actions are only ever appended, and the
/// file is rewritten (via a temporary file and a rename) after each one, so it survives a crash of the host.
/// </summary>
public sealed class ReviewTrail
{
    public const string FileName = "review.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Lock gate = new();
    private readonly List<ReviewAction> actions;

    private ReviewTrail(string path, List<ReviewAction> actions)
    {
        Path = path;
        this.actions = actions;
    }

    public string Path { get; }

    /// <summary>Reads the trail at <paramref name="path"/> (usually review.json in a results folder); empty when the file does not exist yet.</summary>
    public static ReviewTrail Open(string path)
    {
        if (!File.Exists(path))
        {
            return new ReviewTrail(path, []);
        }

        using var stream = File.OpenRead(path);
        var document = JsonSerializer.Deserialize<ReviewTrailDocument>(stream, Options) ?? throw new InvalidDataException($"{path}: empty review trail");
        if (document.Schema != ReviewTrailDocument.SchemaId)
        {
            throw new InvalidDataException($"{path}: unknown review schema '{document.Schema}'");
        }

        return new ReviewTrail(path, [.. document.Actions]);
    }

    public IReadOnlyList<ReviewAction> Actions
    {
        get
        {
            lock (gate)
            {
                return [.. actions];
            }
        }
    }

    public void Append(ReviewAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (gate)
        {
            actions.Add(action);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
            string temporary = Path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(new ReviewTrailDocument { Actions = actions }, Options));
            File.Move(temporary, Path, overwrite: true);
        }
    }

    /// <summary>The state of each finding that has at least one action, by finding id.</summary>
    public static IReadOnlyDictionary<int, ReviewDecision> Decisions(IEnumerable<ReviewAction> actions)
    {
        var decisions = new Dictionary<int, ReviewDecision>();
        foreach (var a in actions)
        {
            var current = decisions.GetValueOrDefault(a.FindingId) ?? new ReviewDecision(a.FindingId, null, null, null, null, null);
            decisions[a.FindingId] = a.Action switch
            {
                "edit" => current with { LongAxisMm = a.LongAxisMm, ShortAxisMm = a.ShortAxisMm, User = a.User, Time = a.Time },
                "add" => current with { Status = "accept", Added = true, User = a.User, Time = a.Time },
                _ => current with { Status = a.Action, User = a.User, Time = a.Time },
            };
        }

        return decisions;
    }

    /// <summary>The findings reviewers added (missed nodules), in the order they were added.</summary>
    public static IReadOnlyList<FindingsNodule> AddedFindings(IEnumerable<ReviewAction> actions) =>
        [.. actions.Where(a => a.Action == "add").Select(a => a.Finding).OfType<FindingsNodule>()];
}
