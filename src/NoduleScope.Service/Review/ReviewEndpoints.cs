using System.Buffers.Binary;
using System.Text.Json;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Processing;
using NoduleScope.Pipeline.Processing;
using NoduleScope.Pipeline.Review;

namespace NoduleScope.Service.Review;

/// <summary>
/// The review page's REST contract (docs/review-api.md) over a <see cref="IReviewCatalog"/>, the same for
/// <c>nodulescope review</c> and the service. Actions are recorded for the user the host authenticated.
/// </summary>
public static class ReviewEndpoints
{
    /// <summary>Where the page opens regenerated reports (anonymous: the token in the path is the credential).</summary>
    public const string ReportLinkPrefix = "/review/report/";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps /api/review/*; returns the report-link endpoint, which a host with header authentication opens to all.</summary>
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder routes, IReviewCatalog catalog, ReviewReportLinks links, Func<HttpContext, string> user)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(user);
        var api = routes.MapGroup("/api/review");
        api.MapGet("/session", (HttpContext context) => Results.Json(new { user = user(context) }, Json));

        api.MapGet("/studies", async (CancellationToken cancellationToken) =>
        {
            var entries = await catalog.ListAsync(cancellationToken).ConfigureAwait(false);
            return Results.Json(entries.Select(e => Summary(e.Study, e.Label)), Json);
        });

        api.MapGet("/studies/{id}", async (string id, CancellationToken cancellationToken) =>
        {
            if (await catalog.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } study)
            {
                return Results.NotFound();
            }

            // The page asks for slices next: start reading the CT while it sets up its viewer.
            if (!study.VolumeLoaded)
            {
                _ = Task.Run(() => LoadVolume(study), CancellationToken.None);
            }

            return Results.Json(Detail(study, catalog), Json);
        });

        api.MapGet("/studies/{id}/slices/{z:int}", async (string id, int z, CancellationToken cancellationToken) =>
        {
            if (await catalog.FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } study || z < 0 || z >= study.SliceCount)
            {
                return Results.NotFound();
            }

            // The first slice request of a study reads its CT (seconds for a large series); the others wait for it.
            var volume = await Task.Run(() => LoadVolume(study), cancellationToken).ConfigureAwait(false);
            if (volume is null)
            {
                return Results.Problem("the analysed CT can no longer be read", statusCode: StatusCodes.Status410Gone);
            }

            if (z >= volume.SizeZ)
            {
                return Results.NotFound();
            }

            var slice = volume.Slice(z);
            byte[] bytes = new byte[slice.Length * 2];
            for (int i = 0; i < slice.Length; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), slice[i]);
            }

            return Results.Bytes(bytes, "application/octet-stream");
        });

        api.MapPost("/studies/{id}/findings/{findingId:int}/actions", async (string id, int findingId, ReviewActionRequest request, HttpContext context) =>
        {
            if (await catalog.FindAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } study || study.AllFindings.All(f => f.Id != findingId))
            {
                return Results.NotFound();
            }

            if (request.Action is not ("accept" or "reject" or "edit"))
            {
                return Results.BadRequest(new { error = "action must be accept, reject or edit" });
            }

            if (request.Action == "edit" && (request.LongAxisMm is not (> 0 and < 500) || request.ShortAxisMm is not (> 0 and < 500) || request.ShortAxisMm > request.LongAxisMm))
            {
                return Results.BadRequest(new { error = "edit needs longAxisMm and shortAxisMm in mm, 0 < short <= long < 500" });
            }

            study.Trail.Append(new ReviewAction
            {
                FindingId = findingId,
                Action = request.Action,
                User = user(context),
                Time = DateTimeOffset.UtcNow,
                LongAxisMm = request.Action == "edit" ? request.LongAxisMm : null,
                ShortAxisMm = request.Action == "edit" ? request.ShortAxisMm : null,
            });
            await Task.Run(study.RegenerateReport, CancellationToken.None).ConfigureAwait(false);
            return Results.Json(Detail(study, catalog), Json);
        });

        api.MapPost("/studies/{id}/findings", async (string id, ReviewPointRequest request, HttpContext context) =>
        {
            if (await catalog.FindAsync(id, context.RequestAborted).ConfigureAwait(false) is not { } study)
            {
                return Results.NotFound();
            }

            if (request is not { X: { } x, Y: { } y, Z: { } z } || !double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(z))
            {
                return Results.BadRequest(new { error = "give the point as {\"x\": …, \"y\": …, \"z\": …} in LPS mm" });
            }

            var point = new Vector3D(x, y, z);
            var voxel = GridOf(study).WorldToVoxel(point);
            int[] size = study.Findings.Input.Size;
            if (voxel.X is < -0.5 || voxel.Y is < -0.5 || voxel.Z is < -0.5 || voxel.X > size[0] - 0.5 || voxel.Y > size[1] - 0.5 || voxel.Z > size[2] - 0.5)
            {
                return Results.UnprocessableEntity(new { error = "the point is outside the CT" });
            }

            string reviewer = user(context);
            var nodule = await Task.Run(() => study.AddMissedNodule(point, reviewer), CancellationToken.None).ConfigureAwait(false);
            if (nodule is null)
            {
                return Results.UnprocessableEntity(new { error = "nothing denser than lung at that point: click inside the nodule" });
            }

            return Results.Json(new { findingId = nodule.Id, study = Detail(study, catalog) }, Json);
        });

        api.MapGet("/studies/{id}/sr", async (string id, CancellationToken cancellationToken) =>
        {
            var study = await catalog.FindAsync(id, cancellationToken).ConfigureAwait(false);
            byte[]? sr = study is null ? null : await Task.Run(study.ReadSr, CancellationToken.None).ConfigureAwait(false);
            return sr is null ? Results.NotFound() : Results.Bytes(sr, "application/dicom", "SR.dcm");
        });

        api.MapGet("/studies/{id}/trail", async (string id, CancellationToken cancellationToken) =>
            await catalog.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } study ? Results.Json(study.Trail.Actions, Json) : Results.NotFound());

        api.MapGet("/studies/{id}/report", async (string id, HttpContext context) =>
            await catalog.FindAsync(id, context.RequestAborted).ConfigureAwait(false) is { } study ? await ReportAsync(study, context).ConfigureAwait(false) : Results.NotFound());

        api.MapPost("/studies/{id}/report-link", async (string id, CancellationToken cancellationToken) =>
            await catalog.FindAsync(id, cancellationToken).ConfigureAwait(false) is { } study
                ? Results.Json(new { url = ReportLinkPrefix + links.Create(study.Id) }, Json)
                : Results.NotFound());

        return routes.MapGet(ReportLinkPrefix + "{token}", async (string token, HttpContext context) =>
            links.StudyOf(token) is { } studyId && await catalog.FindAsync(studyId, context.RequestAborted).ConfigureAwait(false) is { } study
                ? await ReportAsync(study, context).ConfigureAwait(false)
                : Results.Text("this report link has expired: open the report again from the review page\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound));
    }

    private static async Task<IResult> ReportAsync(ReviewStudy study, HttpContext context)
    {
        string path = File.Exists(study.ReportPath) ? study.ReportPath : await Task.Run(study.RegenerateReport, CancellationToken.None).ConfigureAwait(false);
        context.Response.Headers.ContentSecurityPolicy = ReviewPage.ReportCsp;
        return Results.File(path, "text/html; charset=utf-8");
    }

    private static CtVolume? LoadVolume(ReviewStudy study)
    {
        try
        {
            return study.Volume;
        }
        catch (Exception e) when (e is StudyInputException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The grid of findings.json, for coordinate conversions without reading the CT.</summary>
    private static ImageGrid GridOf(ReviewStudy study)
    {
        var i = study.Findings.Input;
        double[] d = i.Direction;
        return new ImageGrid(i.Size[0], i.Size[1], i.Size[2], new Vector3D(i.Spacing[0], i.Spacing[1], i.Spacing[2]), new Vector3D(i.Origin[0], i.Origin[1], i.Origin[2]),
            new Vector3D(d[0], d[1], d[2]), new Vector3D(d[3], d[4], d[5]), new Vector3D(d[6], d[7], d[8]));
    }

    public static object Summary(ReviewStudy study, string label)
    {
        ArgumentNullException.ThrowIfNull(study);
        return new
        {
            id = study.Id,
            label,
            status = study.Status(),
            findingCount = study.AllFindings.Count,
            highestLungRads = study.HighestLungRads(),
            slices = study.SliceCount,
        };
    }

    public static object Detail(ReviewStudy study, IReviewCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(catalog);
        var input = study.Findings.Input;
        return new
        {
            id = study.Id,
            status = study.Status(),
            volume = new { size = input.Size, spacing = input.Spacing, origin = input.Origin, direction = input.Direction },
            findings = study.AllFindings,
            decisions = ReviewTrail.Decisions(study.Trail.Actions).Values.OrderBy(d => d.FindingId),
            comparison = ReviewComparisonView.Of(study, catalog.PairOverridesFile(study.Id)),
        };
    }
}
