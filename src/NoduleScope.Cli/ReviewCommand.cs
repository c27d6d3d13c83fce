using System.CommandLine;
using System.Net;
using NoduleScope.Cli.Review;
using NoduleScope.Pipeline.Review;
using NoduleScope.Service.Review;
using NoduleScope.Imaging.Series;
using NoduleScope.Reporting.Findings;

namespace NoduleScope.Cli;

/// <summary>
/// <c>nodulescope review DETECT-OUTPUT [--port N]</c>: serves the radiologist review page (web/, docs/review-api.md)
/// for the results of <c>detect</c> on 127.0.0.1 until Ctrl+C. Prints an address with a random per-run token, like
/// Jupyter; accept/reject/edit actions go to review.json and a regenerated reviewed/report.html next to the results.
/// </summary>
internal static class ReviewCommand
{
    public const int DefaultPort = 8787;

    public static Command Create(CliSession session)
    {
        var results = new Argument<string>("results") { Description = "Output folder of `nodulescope detect` (holds findings.json)" };
        var port = new Option<int>("--port") { Description = $"TCP port (default {DefaultPort}; 0 picks a free one)", DefaultValueFactory = _ => DefaultPort };
        var bind = new Option<string>("--bind") { Description = "Address to listen on (default 127.0.0.1: this computer only)", DefaultValueFactory = _ => "127.0.0.1" };
        var input = new Option<string?>("--input") { Description = "The CT that was analysed, when it is no longer where findings.json says", HelpName = "path" };
        var user = new Option<string?>("--user") { Description = "Reviewer name recorded in the audit trail (default: the login name)" };
        var command = new Command("review", "Serve the radiologist review page for detect results (accept/reject findings, regenerate the report)") { results, port, bind, input, user };
        command.SetAction(parseResult => Execute(session, parseResult.GetValue(results)!, parseResult.GetValue(port), parseResult.GetValue(bind)!, parseResult.GetValue(input), parseResult.GetValue(user)));
        return command;
    }

    public static int Execute(CliSession session, string resultsFolder, int port, string bind, string? inputPath, string? user)
    {
        session.InputPath = resultsFolder;
        if (port is < 0 or > 65535)
        {
            throw new InputProblemException(resultsFolder, "--port must be between 0 and 65535");
        }

        if (!IPAddress.TryParse(bind, out var address))
        {
            throw new InputProblemException(resultsFolder, "--bind must be an IP address, e.g. 127.0.0.1");
        }

        var study = Load(session, resultsFolder, inputPath);
        string webRoot = ReviewWebRoot.Find()
            ?? throw new InputProblemException(resultsFolder, $"the review page is not built: run web/build.sh (needs node and npm) or set {ReviewWebRoot.EnvironmentVariable} to its dist folder");
        string reviewer = string.IsNullOrWhiteSpace(user) ? Environment.UserName : user.Trim();

        ReviewHost host;
        try
        {
            host = ReviewHost.StartAsync(study, webRoot, address, port, reviewer, ReviewHost.NewToken(), session.CancellationToken).GetAwaiter().GetResult();
        }
        catch (IOException e)
        {
            throw new InputProblemException(resultsFolder, $"cannot listen on {address}:{port}: {e.Message}");
        }

        try
        {
            if (!IPAddress.IsLoopback(address))
            {
                session.Out.WriteLine($"warning: listening on {address}, not only this computer; anyone with the address and token can review");
            }

            session.Out.WriteLine("Review page (the token in it is the password for this run):");
            session.Out.WriteLine($"    {host.LoginAddress}");
            session.Out.WriteLine($"Actions go to {ReviewTrail.FileName} and {ReviewedReport.FolderName}/report.html in the results folder. Ctrl+C stops.");
            session.Out.Flush();

            // Ctrl+C cancels the session's token (Program.cs); SIGTERM stops the host's own lifetime.
            WaitHandle.WaitAny([session.CancellationToken.WaitHandle, host.Stopping.WaitHandle]);
        }
        finally
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return ExitCodes.Ok;
    }

    /// <summary>Reads findings.json, the review trail and the analysed CT (checked to have the grid the findings refer to).</summary>
    public static ReviewStudy Load(CliSession session, string resultsFolder, string? inputPath)
    {
        string findingsPath = Path.Combine(resultsFolder, "findings.json");
        if (!File.Exists(findingsPath))
        {
            throw new InputProblemException(resultsFolder, "no findings.json here: give the output folder of `nodulescope detect`");
        }

        var findings = FindingsJson.Read(findingsPath);
        string ct = inputPath ?? findings.Input.Path;
        if (!File.Exists(ct) && !Directory.Exists(ct))
        {
            throw new InputProblemException(resultsFolder, "the analysed CT is not where findings.json says; give it with --input");
        }

        // Read silently: the series line names the series, and the host prints no study details.
        var silent = new CliSession(TextWriter.Null, TextWriter.Null, stdoutIsTerminal: false, session.CancellationToken);
        var (volume, _) = VolumeInput.Load(silent, ct, findings.Input.SeriesInstanceUid, new AssemblyOptions { PaddingToAir = true }, quiet: true);
        int[] size = [volume.SizeX, volume.SizeY, volume.SizeZ];
        if (!size.SequenceEqual(findings.Input.Size))
        {
            throw new InputProblemException(resultsFolder, $"the CT has {size[0]} x {size[1]} x {size[2]} voxels, findings.json was made on {string.Join(" x ", findings.Input.Size)}: give the analysed CT with --input");
        }

        // As detect saw it: padding below air is air (segmenting an added nodule needs the same volume).
        volume.ClampBelowAir();
        return new ReviewStudy(Path.GetFullPath(resultsFolder), findings, volume, ReviewTrail.Open(Path.Combine(resultsFolder, ReviewTrail.FileName)));
    }
}
