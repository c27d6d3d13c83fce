using System.Globalization;
using NoduleScope.TestSupport;

namespace NoduleScope.Dicom.Network.Tests;

/// <summary>Our server with dcmtk's echoscu and storescu, and our client with dcmtk's storescp.</summary>
public sealed class DcmtkInteropTests
{
    /// <summary>One small file per transfer syntax we pass through (corpus paths), each with its own SOP Instance UID.</summary>
    public static readonly string[] CorpusFiles =
    [
        "dcmqi/segmentations/23x38x3/image/IMG0001.dcm",
        "dcmqi/paramaps/pm-example-slice.dcm",
        "pydicom/test_files/SC_rgb_small_odd_big_endian.dcm",
        "fo-dicom/GH227.dcm",
        "pydicom/test_files/SC_rgb_small_odd_jpeg.dcm",
        "orthanc-tests/Issue140.dcm",
        "pydicom/test_files/MR_small_jpeg_ls_lossless.dcm",
        "pydicom-data/liver_j2k.dcm",
        "pydicom/test_files/SC_rgb_rle.dcm",
    ];

    [Fact]
    public async Task EchoscuEchoesOurServer()
    {
        Dcmtk.Require("echoscu");
        await using var scp = TestScp.Start();
        var (code, output) = await Dcmtk.RunAsync("echoscu", ["-v", "-aec", TestScp.AeTitle, "127.0.0.1", Port(scp)]);
        Assert.True(code == 0, output);
        Assert.Contains("Received Echo Response (Success)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EchoscuWithAnUnknownAeTitleIsRejected()
    {
        Dcmtk.Require("echoscu");
        await using var scp = TestScp.Start();
        var (code, output) = await Dcmtk.RunAsync("echoscu", ["-aet", "STRANGER", "-aec", TestScp.AeTitle, "127.0.0.1", Port(scp)]);
        Assert.NotEqual(0, code);
        Assert.Contains("Calling AE Title Not Recognized", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task StorescuSendsEveryTransferSyntaxAndWeStoreExactlyWhatItSent()
    {
        Dcmtk.Require("storescu");
        Dcmtk.Require("storescp");
        string[] files = [.. CorpusFiles.Select(f => SharedData.Require("dicom-corpus/" + f))];
        using var folder = new TempDirectory();
        string oracleOutput = folder.Sub("storescp");
        await using var scp = TestScp.Start();

        // storescu re-encodes what it sends (explicit sequence lengths, padding, a fresh deflate stream), so the file
        // bytes are no reference. dcmtk's own storescp in bit-preserving mode receives the same transmission: what we
        // store must equal what it stores, byte for byte.
        int oraclePort = Dcmtk.FreePort();
        using var oracle = Dcmtk.Start("storescp", ["+xa", "+B", "-od", oracleOutput, oraclePort.ToString(CultureInfo.InvariantCulture)]);
        try
        {
            await Dcmtk.WaitForListenerAsync(oraclePort, oracle);
            foreach (string file in files)
            {
                // storescu converts to the first syntax the server accepts; offering only the file's own avoids that.
                string proposal = StorescuProposal(DicomFile.OpenHeader(file).TransferSyntax);
                foreach (var (aeTitle, port) in new[] { (TestScp.AeTitle, scp.Port), ("STORESCP", oraclePort) })
                {
                    var (code, output) = await Dcmtk.RunAsync("storescu", ["-v", "-R", proposal, "-aec", aeTitle, "127.0.0.1", port.ToString(CultureInfo.InvariantCulture), file]);
                    Assert.True(code == 0, output);
                    Assert.Contains("Received Store Response (Success)", output, StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            oracle.Kill();
            await oracle.WaitForExitAsync();
        }

        var stored = scp.StoredFiles();
        var reference = Directory.GetFiles(oracleOutput);
        Assert.Equal(files.Length, stored.Count);
        Assert.Equal(files.Length, reference.Length);
        foreach (string file in files)
        {
            var original = DicomFile.OpenHeader(file);
            string ours = Assert.Single(stored, s => DicomFile.OpenHeader(s).SopInstanceUid == original.SopInstanceUid);
            string theirs = Assert.Single(reference, s => DicomFile.OpenHeader(s).SopInstanceUid == original.SopInstanceUid);
            Assert.Equal(original.TransferSyntax.Uid, DicomFile.OpenHeader(ours).TransferSyntax.Uid);
            Assert.True(TestFiles.DataSetBytes(theirs).AsSpan().SequenceEqual(TestFiles.DataSetBytes(ours)), $"{file}: our data set differs from storescp's");
            Assert.Null(DataSetComparer.Difference(DicomFile.Open(theirs).Dataset, DicomFile.Open(ours).Dataset));
        }
    }

    [Fact]
    public async Task StorescuSendsARealCtSeriesInSmallPdus()
    {
        Dcmtk.Require("storescu");
        string folder = SharedData.Require("data/ct/lung-pet-ct-dx/A0001-5mm");
        string[] files = [.. Directory.EnumerateFiles(folder, "*.dcm").Order(StringComparer.Ordinal).Take(12)];
        await using var scp = TestScp.Start();

        // These files are implicit VR little endian; -xi keeps storescu from converting them.
        Assert.All(files, f => Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian, DicomFile.OpenHeader(f).TransferSyntax));
        var (code, output) = await Dcmtk.RunAsync("storescu", ["-xi", "-pdu", "4096", "-aec", TestScp.AeTitle, "127.0.0.1", Port(scp), .. files]);
        Assert.True(code == 0, output);

        var stored = scp.StoredFiles();
        Assert.Equal(files.Length, stored.Count);
        foreach (string file in files)
        {
            var original = DicomFile.Open(file);
            string match = Assert.Single(stored, s => DicomFile.OpenHeader(s).SopInstanceUid == original.SopInstanceUid);
            Assert.Null(DataSetComparer.Difference(original.Dataset, DicomFile.Open(match).Dataset));
        }
    }

    [Fact]
    public async Task OurClientStoresIntoStorescpBitForBit()
    {
        Dcmtk.Require("storescp");
        using var folder = new TempDirectory();
        string output = folder.Sub("received");
        string[] files = [.. TestFiles.CtSeries(folder.Sub("sent"), slices: 3), .. CorpusFiles.Select(f => SharedData.Require("dicom-corpus/" + f))];
        int port = Dcmtk.FreePort();
        using var storescp = Dcmtk.Start("storescp", ["+xa", "+B", "-aet", "STORESCP", "-od", output, port.ToString(CultureInfo.InvariantCulture)]);
        try
        {
            await Dcmtk.WaitForListenerAsync(port, storescp);
            var client = new DicomClient(new DicomClientOptions { Host = "127.0.0.1", Port = port, CallingAeTitle = "NODULESCOPE", CalledAeTitle = "STORESCP" });
            var results = await client.StoreAsync(files);
            Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        }
        finally
        {
            storescp.Kill();
            await storescp.WaitForExitAsync();
        }

        var received = Directory.GetFiles(output);
        Assert.Equal(files.Length, received.Length);
        foreach (string file in files)
        {
            string uid = DicomFile.OpenHeader(file).SopInstanceUid!;
            string match = Assert.Single(received, r => DicomFile.OpenHeader(r).SopInstanceUid == uid);
            byte[] sent = TestFiles.DataSetBytes(file);
            if (DicomFile.OpenHeader(file).TransferSyntax.IsDeflated && (sent.Length & 1) == 1)
            {
                // Fragments must have even length: an odd deflated stream travels with one trailing zero byte.
                sent = [.. sent, 0];
            }

            Assert.True(sent.AsSpan().SequenceEqual(TestFiles.DataSetBytes(match)), $"{file}: data set bytes differ");
        }
    }

    private static string StorescuProposal(DicomTransferSyntax syntax) => syntax.Uid switch
    {
        "1.2.840.10008.1.2" => "-xi",
        "1.2.840.10008.1.2.1" => "-xe",
        "1.2.840.10008.1.2.2" => "-xb",
        "1.2.840.10008.1.2.1.99" => "-xd",
        "1.2.840.10008.1.2.4.50" => "-xy",
        "1.2.840.10008.1.2.4.70" => "-xs",
        "1.2.840.10008.1.2.4.80" => "-xt",
        "1.2.840.10008.1.2.4.90" => "-xv",
        "1.2.840.10008.1.2.5" => "-xr",
        _ => throw new ArgumentException("no storescu option proposes " + syntax.Name),
    };

    private static string Port(TestScp scp) => scp.Port.ToString(CultureInfo.InvariantCulture);
}
