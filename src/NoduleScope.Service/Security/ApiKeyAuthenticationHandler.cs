using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace NoduleScope.Service.Security;

/// <summary>
/// Accepts "Authorization: Bearer KEY" or "X-Api-Key: KEY" when SHA-256(KEY) is one of the configured hashes (compared
/// in constant time). With no key configured, only loopback clients are accepted (the service listens on loopback only then).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Options.Keys.Count == 0)
        {
            var remote = Context.Connection.RemoteIpAddress;
            return Task.FromResult(remote is not null && System.Net.IPAddress.IsLoopback(remote)
                ? Success("local")
                : AuthenticateResult.Fail("no API key is configured: only loopback clients are served"));
        }

        string? key = null;
        string authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = authorization[7..].Trim();
        }
        else if (Request.Headers.TryGetValue("X-Api-Key", out var header))
        {
            key = header.ToString().Trim();
        }

        if (string.IsNullOrEmpty(key))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        byte[] hash = Encoding.ASCII.GetBytes(ApiKeys.Hash(key));
        foreach (var configured in Options.Keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, Encoding.ASCII.GetBytes(configured.Sha256)))
            {
                return Task.FromResult(Success(configured.Name));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"nodulescope\"";
        return Task.CompletedTask;
    }

    private AuthenticateResult Success(string name)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], ApiKeyAuthenticationOptions.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyAuthenticationOptions.Scheme));
    }
}
