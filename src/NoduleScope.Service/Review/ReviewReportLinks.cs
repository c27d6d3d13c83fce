using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace NoduleScope.Service.Review;

/// <summary>
/// Short-lived addresses of regenerated reports. A browser opening a report in a new tab cannot send the API key, so
/// the page asks (with the key) for a link that names a random 192-bit token instead of the study; the link serves
/// only that study's report and only for <see cref="Lifetime"/>.
/// </summary>
public sealed class ReviewReportLinks(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private const int MaxLinks = 1000;

    private readonly ConcurrentDictionary<string, (string StudyId, DateTimeOffset Expires)> links = new(StringComparer.Ordinal);

    public string Create(string studyId)
    {
        var now = time.GetUtcNow();
        if (links.Count >= MaxLinks)
        {
            foreach (var (token, link) in links)
            {
                if (link.Expires <= now)
                {
                    links.TryRemove(token, out _);
                }
            }
        }

        string created = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        links[created] = (studyId, now + Lifetime);
        return created;
    }

    /// <summary>The study the token was made for, or null when it is unknown or expired.</summary>
    public string? StudyOf(string token)
    {
        if (!links.TryGetValue(token, out var link))
        {
            return null;
        }

        if (link.Expires <= time.GetUtcNow())
        {
            links.TryRemove(token, out _);
            return null;
        }

        return link.StudyId;
    }
}
