using System.Security.Cryptography;
using NoduleScope.Clinical.Comparison;
using NoduleScope.Pipeline.Comparison;
using NoduleScope.Pipeline.Processing;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Storage;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Service.Api;

/// <summary>
/// The user's pairings of a study's nodules with its prior exam's (docs/comparison.md, pairs.json): stored for the
/// study and applied by processing the study again, recorded with the API key's name.
/// </summary>
public static class PairOverridesEndpoint
{
    /// <summary>A pairs document lists at most a few hundred ids.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static async Task<IResult> GetAsync(string id, StorageRoot storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (!ApiEndpoints.IsId(id) || !File.Exists(storage.PairOverridesFile(id)))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Text(await File.ReadAllTextAsync(storage.PairOverridesFile(id), cancellationToken).ConfigureAwait(false), "application/json");
    }

    public static async Task<IResult> PutAsync(string id, HttpRequest request, IJobQueue queue, StorageRoot storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(storage);
        if (!ApiEndpoints.IsId(id))
        {
            return TypedResults.NotFound();
        }

        var job = await ResultFiles.LatestResultJobAsync(queue, id, cancellationToken).ConfigureAwait(false);
        string? findingsPath = ResultFiles.Find(storage, job, StudyProcessor.FindingsFileName);
        string? priorPath = ResultFiles.Find(storage, job, StudyComparer.PriorFindingsFileName);
        if (job is null || findingsPath is null)
        {
            return TypedResults.NotFound();
        }

        if (priorPath is null)
        {
            return TypedResults.Problem("the study has no comparison with a prior exam", statusCode: StatusCodes.Status409Conflict);
        }

        byte[] body;
        using (var buffer = new MemoryStream())
        {
            byte[] chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return TypedResults.Problem($"a pairs document is at most {MaxBodyBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);
                }

                buffer.Write(chunk, 0, read);
            }

            body = buffer.ToArray();
        }

        IReadOnlyList<PairOverride> pairs;
        try
        {
            pairs = PairOverridesFile.Parse(new MemoryStream(body, writable: false), "pairs");
        }
        catch (InvalidDataException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        var currentIds = FindingsJson.Read(findingsPath).Findings.Select(f => f.Id).ToHashSet();
        var priorIds = FindingsJson.Read(priorPath).Findings.Select(f => f.Id).ToHashSet();
        foreach (var p in pairs)
        {
            if ((p.PriorId is { } prior && !priorIds.Contains(prior)) || (p.CurrentId is { } current && !currentIds.Contains(current)))
            {
                return TypedResults.Problem($"pair (prior {p.PriorId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, current {p.CurrentId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}) names a finding the comparison does not have", statusCode: StatusCodes.Status400BadRequest);
            }
        }

        string path = storage.PairOverridesFile(id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = path + ".tmp";
        await File.WriteAllBytesAsync(temp, body, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);

        string digest = Convert.ToHexStringLower(SHA256.HashData(body))[..16];
        string actor = "api:" + (request.HttpContext.User.Identity?.Name ?? "unknown");
        string? requeued = await queue.RequeueForPairsAsync(id, digest, actor, cancellationToken).ConfigureAwait(false);
        return requeued is null
            ? TypedResults.Ok(new PairOverridesResult(null, "stored; the study is being processed or was already processed with these pairings"))
            : TypedResults.Accepted($"/api/jobs/{requeued}", new PairOverridesResult(requeued, "stored; the study is processed again with these pairings"));
    }
}
