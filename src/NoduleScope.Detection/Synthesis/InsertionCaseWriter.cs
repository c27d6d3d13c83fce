using System.Globalization;
using System.Text;
using System.Text.Json;
using NoduleScope.Dicom;
using NoduleScope.Imaging.Synthetic;

namespace NoduleScope.Detection.Synthesis;

/// <summary>
/// Writes an <see cref="InsertionCase"/> as a DICOM CT series (UIDs derived from the seed and case name), appends its
/// nodules to a LUNA16 annotations file (<c>seriesuid,coordX,coordY,coordZ,diameter_mm</c>, world LPS mm) and writes
/// a JSON sidecar with each nodule's placement kind and source.
/// </summary>
public static class InsertionCaseWriter
{
    public const string AnnotationsHeader = "seriesuid,coordX,coordY,coordZ,diameter_mm";

    /// <param name="caseName">Folder name of the series under <paramref name="outputFolder"/>; also part of the UID seed.</param>
    public static WrittenInsertionCase Write(InsertionCase insertionCase, string outputFolder, string caseName, int seed, string annotationsPath, string? backgroundDescription = null)
    {
        ArgumentNullException.ThrowIfNull(insertionCase);
        ArgumentException.ThrowIfNullOrEmpty(caseName);
        if (caseName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || caseName is "." or "..")
        {
            throw new ArgumentException($"'{caseName}' is not a plain folder name", nameof(caseName));
        }

        string uidSeed = string.Create(CultureInfo.InvariantCulture, $"nodulescope-synth|{seed}|{caseName}");
        string seriesUid = DicomUid.FromSeed(uidSeed + "|series");
        string seriesFolder = Path.Combine(outputFolder, caseName);
        DicomSeriesWriter.Write(insertionCase.Volume, seriesFolder, new DicomSeriesWriterOptions
        {
            Seed = uidSeed,
            SeriesInstanceUid = seriesUid,
            PatientId = "NS-SYNTH-" + caseName,
            PatientName = "Synthetic^Insertion",
            StudyDescription = "Lesion insertion benchmark",
            SeriesDescription = "LIDC nodules inserted",
        });
        AppendAnnotations(annotationsPath, seriesUid, insertionCase.Nodules);
        string sidecar = Path.Combine(outputFolder, caseName + ".json");
        File.WriteAllBytes(sidecar, Sidecar(insertionCase, seriesUid, caseName, seed, backgroundDescription));
        return new WrittenInsertionCase(seriesUid, seriesFolder, annotationsPath, sidecar);
    }

    /// <summary>Appends one row per nodule, writing the header first when the file is new or empty.</summary>
    public static void AppendAnnotations(string path, string seriesUid, IReadOnlyList<InsertedNodule> nodules)
    {
        bool needsHeader = !File.Exists(path) || new FileInfo(path).Length == 0;
        var text = new StringBuilder();
        if (needsHeader)
        {
            text.Append(AnnotationsHeader).Append('\n');
        }

        foreach (var n in nodules)
        {
            text.Append(CultureInfo.InvariantCulture, $"{seriesUid},{n.Center.X:0.###},{n.Center.Y:0.###},{n.Center.Z:0.###},{n.DiameterMm:0.###}\n");
        }

        File.AppendAllText(path, text.ToString());
    }

    private static byte[] Sidecar(InsertionCase insertionCase, string seriesUid, string caseName, int seed, string? backgroundDescription)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("case", caseName);
            json.WriteString("seriesInstanceUid", seriesUid);
            json.WriteNumber("seed", seed);
            if (backgroundDescription is not null)
            {
                json.WriteString("background", backgroundDescription);
            }

            json.WriteStartArray("nodules");
            foreach (var n in insertionCase.Nodules)
            {
                json.WriteStartObject();
                json.WriteString("source", n.SourceId);
                json.WriteString("placement", PlacementName(n.Placement));
                json.WriteStartArray("centerLps");
                json.WriteNumberValue(Math.Round(n.Center.X, 3));
                json.WriteNumberValue(Math.Round(n.Center.Y, 3));
                json.WriteNumberValue(Math.Round(n.Center.Z, 3));
                json.WriteEndArray();
                json.WriteNumber("diameterMm", Math.Round(n.DiameterMm, 3));
                json.WriteBoolean("solid", n.IsSolid);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("warnings");
            foreach (string warning in insertionCase.Warnings)
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    public static string PlacementName(LesionPlacement placement) => placement switch
    {
        LesionPlacement.Parenchyma => "parenchyma",
        LesionPlacement.Juxtapleural => "juxtapleural",
        LesionPlacement.Juxtavascular => "juxtavascular",
        _ => placement.ToString(),
    };
}
