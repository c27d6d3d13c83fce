using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NoduleScope.Pipeline.Review;
using NoduleScope.Service.Review;

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
            ReviewPage.ApplyHeaders(context.Response);
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

        ReviewPage.MapAssets(app, "/", webRoot);
        ReviewEndpoints.Map(app, new LocalReviewCatalog(study), new ReviewReportLinks(TimeProvider.System), _ => user);
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

    private static async Task Plain(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message + "\n");
    }
}
