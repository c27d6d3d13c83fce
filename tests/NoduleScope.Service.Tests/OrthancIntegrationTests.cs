using NoduleScope.Service.Configuration;
using NoduleScope.TestSupport;

namespace NoduleScope.Service.Tests;

/// <summary>
/// With a real PACS: Orthanc pushes a real chest CT (uploaded through its REST API) to <c>nodulescope serve</c> with
/// C-STORE; the service receives, processes, and sends the SR and SEG back, which then appear in Orthanc under the
/// same study.
/// </summary>
public sealed class OrthancIntegrationTests : IDisposable
{
    private const string ComprehensiveSr3D = "1.2.840.10008.5.1.4.1.1.88.34";
    private const string Segmentation = "1.2.840.10008.5.1.4.1.1.66.4";
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Orthanc_pushes_a_real_ct_and_gets_the_sr_and_seg_back()
    {
        string ct = SharedData.Require("data/ct/tcga-de-a4ma-thorax/dicom");
        int dicomPort = Tools.FreePort();
        int httpPort = Tools.FreePort();
        await using var orthanc = await OrthancServer.StartAsync(folder["orthanc"], "nodulescope", TestConfigs.Ae, dicomPort);

        // Threshold 0 reports every candidate, so a SEG is made whatever the model's scores on this scan.
        var config = TestConfigs.Loopback(folder["store"], dicomPort, httpPort, $"{OrthancServer.AeTitle}@127.0.0.1") with
        {
            Processing = new ProcessingSettings { Outputs = "sr,seg", Threshold = 0 },
            Pacs = new PacsSettings { Host = "127.0.0.1", Port = orthanc.DicomPort, AeTitle = OrthancServer.AeTitle, Send = "sr,seg", RetryBaseSeconds = 1, RetryMaxSeconds = 5 },
        };
        await using var service = ServiceProcess.Start(TestConfigs.Write(config, folder["config"]), $"http://127.0.0.1:{httpPort}");
        await service.WaitHealthyAsync();

        var files = Directory.GetFiles(ct, "*.dcm").Order(StringComparer.Ordinal).ToList();
        string study = await orthanc.UploadAsync(files);
        await orthanc.StoreToModalityAsync("nodulescope", study);

        List<(string Modality, string SopClassUid)> instances = [];
        await Tools.WaitUntilAsync(async () =>
        {
            instances = await orthanc.InstancesOfStudyAsync(study);
            return instances.Any(i => i.SopClassUid == ComprehensiveSr3D) && instances.Any(i => i.SopClassUid == Segmentation);
        }, TimeSpan.FromMinutes(4), "the SR and SEG to arrive in Orthanc", () => service.Output + "\n--- Orthanc ---\n" + orthanc.Log);

        Assert.Equal(files.Count, instances.Count(i => i.Modality == "CT"));
        Assert.Contains(instances, i => i.Modality == "SR");
        Assert.Contains(instances, i => i.Modality == "SEG");
        var job = Assert.Single(await service.JobsAsync());
        var detail = await service.JobAsync(job.Id);
        Assert.Equal("done", detail.Job.State);
        Assert.All(detail.Sends, s => Assert.Equal(("sent", "0x0000"), (s.State, s.LastStatus)));
        Assert.All(detail.Sends, s => Assert.StartsWith(OrthancServer.AeTitle + "@127.0.0.1:", s.Destination, StringComparison.Ordinal));
    }
}
