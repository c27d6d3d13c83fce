using System.Runtime.InteropServices;
using NoduleScope.Service.Configuration;

namespace NoduleScope.Service.Security;

/// <summary>Refusals before anything listens (hardening rule 11): remote access without authentication, and root.</summary>
public static partial class StartupPolicy
{
    /// <exception cref="ServiceConfigurationException">The configuration is unsafe to start with.</exception>
    public static void Check(ServiceConfiguration config, bool runningAsRoot)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Http.ApiKeys.Count == 0)
        {
            foreach (string url in config.Http.Urls)
            {
                if (!ListenAddresses.IsLoopback(url))
                {
                    throw new ServiceConfigurationException(
                        $"http.urls: '{url}' can be reached from other machines, but no authentication is configured: add http.apiKeys " +
                        "(nodulescope serve --new-api-key makes one) or listen on 127.0.0.1 only");
                }
            }
        }

        if (runningAsRoot && !config.AllowRunningAsRoot)
        {
            throw new ServiceConfigurationException("the service must not run as root: run it as a dedicated user (see docs/nodulescope.service)");
        }
    }

    /// <summary>True when the effective user is root (Unix); false elsewhere.</summary>
    public static bool RunningAsRoot() => !OperatingSystem.IsWindows() && GetEffectiveUserId() == 0;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();
}
