using NoduleScope.Detection;
using NoduleScope.Dicom;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging;
using NoduleScope.Imaging.Series;
using NoduleScope.Imaging.Synthetic;
using NoduleScope.Reporting.Dicom;
using NoduleScope.Reporting.Findings;
using NoduleScope.Reporting.Outputs;

namespace NoduleScope.Reporting.Tests.Outputs;

/// <summary>
/// A CT series as the CLI sees it (assembled from DICOM files, with one source header), its findings and nodule masks.
/// <see cref="Phantom"/> runs the real detector on the synthetic chest phantom written as DICOM, once per test run.
/// </summary>
internal sealed record StudyCase(CtVolume Volume, DicomDataset Header, FindingsDocument Document, IReadOnlyList<NoduleMask> Masks)
{
    public const string PatientName = "Müller^Zoë";

    private static readonly Lazy<StudyCase> PhantomCase = new(CreatePhantom);

    /// <summary>The phantom (160 × 160 × 100 voxels of 2 mm) with the findings of the detector.</summary>
    public static StudyCase Phantom => PhantomCase.Value;

    public SourceStudy Source => SourceStudy.From(Header, Volume);

    /// <summary>Loads a DICOM series folder the way the CLI does: scan, assemble, read one instance's header.</summary>
    public static (CtVolume Volume, DicomDataset Header) Load(string folder)
    {
        var scan = new DicomInputScanner().Scan(folder);
        var series = scan.Series.OrderByDescending(s => s.SliceCount).First();
        var volume = new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { PaddingToAir = true }).Assemble(series).Volume;
        var header = DicomFile.OpenHeader(series.First.Source.FilePath).Dataset;
        return (volume, header);
    }

    /// <summary>The same case with every nodule characterised and exam guidance, as the characterisation stage fills them.</summary>
    public StudyCase Characterised() => this with { Document = WithCharacterization(Document) };

    public static FindingsDocument WithCharacterization(FindingsDocument document)
    {
        string[] types = ["solid", "part-solid", "non-solid"];
        string[] lobes = ["right upper", "left lower", "lingula", "right middle"];
        string[] categories = ["2", "3", "4A", "4B"];
        var findings = document.Findings.Select((f, i) => f with
        {
            Characterization = new FindingsCharacterization
            {
                Type = types[i % types.Length],
                Lobe = lobes[i % lobes.Length],
                BrockProbability = 0.0123 * (i + 1),
                MalignancyScore = 0.05 + (0.1 * i),
                LungRadsCategory = categories[i % categories.Length],
                LungRadsManagement = "6-month LDCT",
                FleischnerRecommendation = "CT at 6-12 months",
            },
        }).ToList();
        return document with
        {
            Findings = findings,
            Guidance = new FindingsGuidance { LungRadsCategory = "4A", LungRadsManagement = "3-month LDCT", FleischnerRecommendation = "CT at 3 months, then PET/CT" },
        };
    }

    private static StudyCase CreatePhantom()
    {
        var phantom = SyntheticChestPhantom.Create(160, 100, 2.0, 3);
        using var temp = new TempFolder();
        DicomSeriesWriter.Write(phantom, temp.Path, new DicomSeriesWriterOptions
        {
            Seed = "reporting-tests",
            PatientName = PatientName,
            PatientId = "NS-0001",
            AccessionNumber = "A-42",
            StudyDescription = "Chest CT <low dose> & screening",
            SeriesDescription = "Phantom lung 2 mm",
        });
        var (volume, header) = Load(temp.Path);
        var result = new NoduleDetector().Detect(volume);
        var document = FindingsDocumentBuilder.Build(volume, result, 0.5, temp.Path, "0.1.0");
        return new StudyCase(volume, header, document, NoduleMask.From(result));
    }
}
