using Microsoft.AspNetCore.Authentication;
using NoduleScope.Service.Configuration;

namespace NoduleScope.Service.Security;

/// <summary>The configured keys; none means loopback clients are let in without one (remote listening is refused then).</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    public const string Scheme = "ApiKey";

    public IReadOnlyList<ApiKeySettings> Keys { get; set; } = [];
}
