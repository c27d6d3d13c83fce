using System.Net;
using System.Net.Sockets;
using NoduleScope.Cli.Review;
using NoduleScope.Pipeline.Review;
using NoduleScope.Service.Review;

namespace NoduleScope.Cli.Tests.Review;

/// <summary><c>nodulescope review</c>'s refusals: each one line on stderr and exit code 2.</summary>
[Collection(ReviewDemoCollection.Name)]
public sealed class ReviewCommandTests(ReviewDemo demo)
{
    [Fact]
    public void AFolderWithoutFindingsIsRefused()
    {
        using var temp = new TestFolder();

        CliResult.Run("review", temp.Path, "--port", "0").AssertBadInput("no findings.json here");
    }

    [Fact]
    public void APortOutOfRangeOrABindThatIsNoAddressIsRefused()
    {
        using var temp = new TestFolder();

        CliResult.Run("review", temp.Path, "--port", "70000").AssertBadInput("--port must be between 0 and 65535");
        CliResult.Run("review", temp.Path, "--bind", "example.org").AssertBadInput("--bind must be an IP address");
    }

    [Fact]
    public void AnInputCtOnAnotherGridThanTheFindingsIsRefused()
    {
        string results = demo.FreshResults();
        try
        {
            using var other = new TestFolder();
            DemoCommand.Execute(new CliSession(TextWriter.Null, TextWriter.Null, stdoutIsTerminal: false, CancellationToken.None), other.Path, size: 64, slices: 12);

            CliResult.Run("review", results, "--input", other["dicom"], "--port", "0").AssertBadInput("give the analysed CT with --input");
        }
        finally
        {
            Directory.Delete(results, recursive: true);
        }
    }

    [Fact]
    public void APortInUseIsRefused()
    {
        if (ReviewWebRoot.Find() is null)
        {
            Assert.Skip("the review page is not built (run web/build.sh; needs node and npm)");
        }

        string results = demo.FreshResults();
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        try
        {
            int port = ((IPEndPoint)busy.LocalEndpoint).Port;

            CliResult.Run("review", results, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)).AssertBadInput("cannot listen on 127.0.0.1");
        }
        finally
        {
            busy.Stop();
            Directory.Delete(results, recursive: true);
        }
    }
}
