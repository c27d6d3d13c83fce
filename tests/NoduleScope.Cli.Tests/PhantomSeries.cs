using NoduleScope.Imaging;
using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.Cli.Tests;

/// <summary>A small synthetic chest phantom written as a DICOM series into a folder of its own.</summary>
internal sealed class PhantomSeries
{
    public const string SeriesUid = "1.2.826.0.1.3680043.10.2.2";
    public const string StudyUid = "1.2.826.0.1.3680043.10.2.1";

    private PhantomSeries(CtVolume volume, IReadOnlyList<string> files, string folder)
    {
        Volume = volume;
        Files = files;
        Folder = folder;
    }

    public CtVolume Volume { get; }

    public IReadOnlyList<string> Files { get; }

    public string Folder { get; }

    public static PhantomSeries Write(string folder, int slices = 16)
    {
        var volume = SyntheticChestPhantom.Create(48, slices, 2.5, seed: 17);
        var files = DicomSeriesWriter.Write(volume, folder, new DicomSeriesWriterOptions
        {
            Seed = "cli-tests",
            StudyInstanceUid = StudyUid,
            SeriesInstanceUid = SeriesUid,
            SeriesNumber = 3,
            SeriesDescription = "Phantom chest",
        });
        return new PhantomSeries(volume, files, folder);
    }
}
