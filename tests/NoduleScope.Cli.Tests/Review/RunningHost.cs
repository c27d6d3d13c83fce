using NoduleScope.Cli.Review;
using NoduleScope.Pipeline.Review;
using NoduleScope.Service.Review;

namespace NoduleScope.Cli.Tests.Review;

/// <summary>A review host started on a free port for one test, with its study and results folder (deleted after).</summary>
internal sealed record RunningHost(ReviewHost Host, ReviewStudy Study, string Results) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        try
        {
            Directory.Delete(Results, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
