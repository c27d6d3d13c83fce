using System.Diagnostics;
using NoduleScope.Dicom;
using NoduleScope.TestSupport;

namespace NoduleScope.Dicom.Codecs.Tests;

/// <summary>
/// A measurement, not a timed test: run explicitly (ideally in Release) to see how long one 512x512 16-bit SV1 CT
/// frame takes with JpegLibrary and with the in-house decoder. Nothing is asserted about the times.
/// </summary>
public sealed class LosslessJpegPerformanceMeasurement
{
    [Fact(Explicit = true)]
    public void MeasureRicordFrameDecodeTimes()
    {
        string folder = SharedData.Require("data/ct/ricord-1a-419639/dicom");
        var frames = new List<byte[]>();
        PixelDescription? description = null;
        foreach (string path in Directory.GetFiles(folder, "*.dcm"))
        {
            var file = DicomFile.Open(path);
            var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax, path);
            description ??= pixels.Description;
            frames.Add(pixels.GetRawFrame(0).ToArray());
        }

        var codec = new JpegCodec();
        byte[] destination = new byte[description!.FrameLengthBytes];
        var header = JpegStreamHeader.Read(frames[0]);
        ushort[] samples = new ushort[header.Width * header.Height];

        for (int i = 0; i < 20; i++)
        {
            codec.Decode(frames[i], description, destination);
            JpegCodec.DecodeWithJpegLibrary(frames[i], header, samples);
        }

        var watch = Stopwatch.StartNew();
        foreach (byte[] frame in frames)
        {
            JpegCodec.DecodeWithJpegLibrary(frame, header, samples);
        }

        double jpegLibrary = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        foreach (byte[] frame in frames)
        {
            codec.Decode(frame, description, destination);
        }

        double inHouse = watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        Parallel.ForEach(frames, new ParallelOptions { MaxDegreeOfParallelism = 2 }, frame =>
        {
            byte[] target = new byte[description.FrameLengthBytes];
            codec.Decode(frame, description, target);
        });
        double inHouseParallel = watch.Elapsed.TotalMilliseconds;

        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"{frames.Count} frames of {description.Columns}x{description.Rows}, {description.BitsAllocated} bits, {Environment.ProcessorCount} cores");
        output.WriteLine($"JpegLibrary 0.4.32: {jpegLibrary / frames.Count:F2} ms/frame ({jpegLibrary:F0} ms total, 1 thread)");
        output.WriteLine($"in-house lossless:  {inHouse / frames.Count:F2} ms/frame ({inHouse:F0} ms total, 1 thread)");
        output.WriteLine($"in-house lossless:  {inHouseParallel:F0} ms for all frames on 2 threads");
    }
}
