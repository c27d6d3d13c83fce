using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace NoduleScope.Service.Review;

/// <summary>The bundled review page (web/dist) and the response headers every review response carries
/// (docs/review-api.md).</summary>
public static class ReviewPage
{
    // style-src-attr: Cornerstone's tools style the ruler's SVG text through a style attribute (drawTextBox); style
    // elements and stylesheets stay 'self' only.
    public const string PageCsp = "default-src 'none'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    public const string ReportCsp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

    private static readonly (string Name, string ContentType)[] Assets =
    [
        ("index.html", "text/html; charset=utf-8"),
        ("review.js", "text/javascript; charset=utf-8"),
        ("review.js.map", "application/json"),
        ("review.css", "text/css; charset=utf-8"),
    ];

    public static void ApplyHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var headers = response.Headers;
        headers.ContentSecurityPolicy = PageCsp;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
    }

    /// <summary>Maps the bundle under <paramref name="prefix"/> ("/" or "/review/"): the prefix itself serves
    /// index.html, which loads the rest by relative paths. Returns the endpoints so a host can open them to all (the
    /// bundle holds no data).</summary>
    public static IReadOnlyList<IEndpointConventionBuilder> MapAssets(IEndpointRouteBuilder routes, string prefix, string webRoot)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var endpoints = new List<IEndpointConventionBuilder>();
        foreach (var (name, contentType) in Assets)
        {
            string full = Path.Combine(webRoot, name);
            if (name == "index.html")
            {
                // Routing matches "/review" and "/review/" alike; the page's relative paths need the slash.
                endpoints.Add(routes.MapGet(prefix, (HttpContext context) => !context.Request.Path.Value!.EndsWith('/')
                    ? Results.Redirect(context.Request.PathBase + context.Request.Path + "/")
                    : File.Exists(full) ? Results.File(full, contentType) : Results.NotFound()));
                continue;
            }

            endpoints.Add(routes.MapGet(prefix + name, () => File.Exists(full) ? Results.File(full, contentType) : Results.NotFound()));
        }

        return endpoints;
    }
}
