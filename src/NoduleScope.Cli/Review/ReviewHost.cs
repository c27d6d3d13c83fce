using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NoduleScope.Imaging;

namespace NoduleScope.Cli.Review;

/// <summary>
/// The local review host behind <c>nodulescope review</c>: serves the bundled page and the REST contract of
/// docs/review-api.md for one study. Every request needs the per-run token, as the X-Review-Token header or as the
/// HttpOnly cookie that opening <c>/?token=…</c> sets; responses carry a strict CSP and no-store; nothing is logged.
/// </summary>
internal sealed class ReviewHost : IAsyncDisposable
{
    public const string TokenHeader = "X-Review-Token";
    public const string TokenCookie = "nodulescope_review";

    // style-src-attr: Cornerstone's tools style the ruler's SVG text through a style attribute (drawTextBox); style
    // elements and stylesheets stay 'self' only.
    private const string PageCsp = "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";
    private const string ReportCsp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, (string File, string ContentType)> Assets = new(StringComparer.Ordinal)
    {
        ["/"] = ("index.html", "text/html; charset=utf-8"),
        ["/review.js"] = ("review.js", "text/javascript; charset=utf-8"),
        ["/review.js.map"] = ("review.js.map", "application/json"),
        ["/review.css"] = ("review.css", "text/css; charset=utf-8"),
    };

    private readonly WebApplication app;

    private ReviewHost(WebApplication app, string token, Uri address)
    {
        this.app = app;
        Token = token;
        Address = address;
    }

    public string Token { get; }

    /// <summary>Cancelled when the host stops by itself (SIGTERM or Ctrl+C reach its console lifetime).</summary>
    public CancellationToken Stopping => app.Lifetime.ApplicationStopping;

    /// <summary>The address the host listens on, e.g. http://127.0.0.1:8787/.</summary>
    public Uri Address { get; }

    /// <summary>The address to open in a browser: it carries the token (not patient data) once, to set the cookie.</summary>
    public Uri LoginAddress => new(Address, "/?token=" + Token);

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static async Task<ReviewHost> StartAsync(ReviewStudy study, string webRoot, IPAddress bind, int port, string user, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(study);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = webRoot });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(bind, port));
        var app = builder.Build();

        // Until the port is known (port 0 picks one) no Host header is accepted; nobody knows the address yet.
        string[] allowedHosts = [];
        byte[] expected = Encoding.UTF8.GetBytes(token);
        bool Matches(string presented) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected);
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PageCsp;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            if (!allowedHosts.Contains(context.Request.Host.Value, StringComparer.OrdinalIgnoreCase))
            {
                // A page on another site that points its own name at 127.0.0.1 (DNS rebinding) gets nothing.
                await Plain(context, StatusCodes.Status421MisdirectedRequest, "unexpected Host header");
                return;
            }

            if (context.Request.Path == "/" && context.Request.Query.TryGetValue("token", out var offered))
            {
                if (Matches(offered.ToString()))
                {
                    context.Response.Cookies.Append(TokenCookie, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
                    context.Response.Redirect("/", permanent: false);
                    return;
                }

                await Plain(context, StatusCodes.Status401Unauthorized, "wrong token: open the address that `nodulescope review` printed");
                return;
            }

            string? presented = context.Request.Headers.TryGetValue(TokenHeader, out var header) ? header.ToString() : context.Request.Cookies[TokenCookie];
            if (presented is null || !Matches(presented))
            {
                await Plain(context, StatusCodes.Status401Unauthorized, "not signed in: open the address that `nodulescope review` printed");
                return;
            }

            await next(context);
        });

        foreach (var (path, (file, contentType)) in Assets)
        {
            string full = Path.Combine(webRoot, file);
            app.MapGet(path, () => File.Exists(full) ? Results.File(full, contentType) : Results.NotFound());
        }

        MapApi(app, study, user);
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var bound = new Uri(addresses.First());
        var address = new Uri($"http://{(bind.Equals(IPAddress.Any) ? "127.0.0.1" : bind.ToString())}:{bound.Port}/");
        allowedHosts = [$"{address.Host}:{bound.Port}", $"localhost:{bound.Port}", $"127.0.0.1:{bound.Port}"];
        return new ReviewHost(app, token, address);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static void MapApi(WebApplication app, ReviewStudy study, string user)
    {
        app.MapGet("/api/review/session", () => Results.Json(new { user }, Json));

        app.MapGet("/api/review/studies", () => Results.Json(new[] { Summary(study) }, Json));

        app.MapGet("/api/review/studies/{id}", (string id) => id != study.Id ? Results.NotFound() : Results.Json(Detail(study), Json));

        app.MapGet("/api/review/studies/{id}/slices/{z:int}", (string id, int z) =>
        {
            var v = study.Volume;
            if (id != study.Id || z < 0 || z >= v.SizeZ)
            {
                return Results.NotFound();
            }

            var slice = v.Slice(z);
            byte[] bytes = new byte[slice.Length * 2];
            for (int i = 0; i < slice.Length; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), slice[i]);
            }

            return Results.Bytes(bytes, "application/octet-stream");
        });

        app.MapPost("/api/review/studies/{id}/findings/{findingId:int}/actions", (string id, int findingId, ReviewActionRequest request) =>
        {
            if (id != study.Id || study.AllFindings.All(f => f.Id != findingId))
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
                User = user,
                Time = DateTimeOffset.UtcNow,
                LongAxisMm = request.Action == "edit" ? request.LongAxisMm : null,
                ShortAxisMm = request.Action == "edit" ? request.ShortAxisMm : null,
            });
            study.RegenerateReport();
            return Results.Json(Detail(study), Json);
        });

        app.MapPost("/api/review/studies/{id}/findings", (string id, ReviewPointRequest request) =>
        {
            if (id != study.Id)
            {
                return Results.NotFound();
            }

            if (request is not { X: { } x, Y: { } y, Z: { } z } || !double.IsFinite(x) || !double.IsFinite(y) || !double.IsFinite(z))
            {
                return Results.BadRequest(new { error = "give the point as {\"x\": …, \"y\": …, \"z\": …} in LPS mm" });
            }

            var point = new Vector3D(x, y, z);
            var voxel = study.Volume.WorldToVoxel(point);
            var v = study.Volume;
            if (voxel.X is < -0.5 || voxel.Y is < -0.5 || voxel.Z is < -0.5 || voxel.X > v.SizeX - 0.5 || voxel.Y > v.SizeY - 0.5 || voxel.Z > v.SizeZ - 0.5)
            {
                return Results.UnprocessableEntity(new { error = "the point is outside the CT" });
            }

            var nodule = study.AddMissedNodule(point, user);
            if (nodule is null)
            {
                return Results.UnprocessableEntity(new { error = "nothing denser than lung at that point: click inside the nodule" });
            }

            return Results.Json(new { findingId = nodule.Id, study = Detail(study) }, Json);
        });

        app.MapGet("/api/review/studies/{id}/sr", (string id) =>
        {
            byte[]? sr = id == study.Id ? study.ReadSr() : null;
            return sr is null ? Results.NotFound() : Results.Bytes(sr, "application/dicom", "SR.dcm");
        });

        app.MapGet("/api/review/studies/{id}/trail", (string id) => id != study.Id ? Results.NotFound() : Results.Json(study.Trail.Actions, Json));

        app.MapGet("/api/review/studies/{id}/report", (string id, HttpContext context) =>
        {
            if (id != study.Id)
            {
                return Results.NotFound();
            }

            string path = File.Exists(study.ReportPath) ? study.ReportPath : study.RegenerateReport();
            context.Response.Headers.ContentSecurityPolicy = ReportCsp;
            return Results.File(path, "text/html; charset=utf-8");
        });
    }

    private static object Summary(ReviewStudy study) => new
    {
        id = study.Id,
        label = "Local study (detect results)",
        status = study.Status(),
        findingCount = study.AllFindings.Count,
        highestLungRads = study.HighestLungRads(),
        slices = study.Volume.SizeZ,
    };

    private static object Detail(ReviewStudy study)
    {
        var v = study.Volume;
        return new
        {
            id = study.Id,
            status = study.Status(),
            volume = new
            {
                size = new[] { v.SizeX, v.SizeY, v.SizeZ },
                spacing = new[] { v.Spacing.X, v.Spacing.Y, v.Spacing.Z },
                origin = new[] { v.Origin.X, v.Origin.Y, v.Origin.Z },
                direction = new[] { v.DirectionX.X, v.DirectionX.Y, v.DirectionX.Z, v.DirectionY.X, v.DirectionY.Y, v.DirectionY.Z, v.DirectionZ.X, v.DirectionZ.Y, v.DirectionZ.Z },
            },
            findings = study.AllFindings,
            decisions = ReviewTrail.Decisions(study.Trail.Actions).Values.OrderBy(d => d.FindingId),
        };
    }

    private static async Task Plain(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message + "\n");
    }
}
