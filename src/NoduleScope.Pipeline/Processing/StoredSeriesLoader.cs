using System.Collections.Concurrent;
using NoduleScope.Dicom;
using NoduleScope.Dicom.Codecs;
using NoduleScope.Imaging.Series;

namespace NoduleScope.Pipeline.Processing;

/// <summary>
/// Groups received instance files into series by the UIDs read from the files themselves, selects the series for
/// detection as <c>nodulescope detect</c> does (<see cref="SeriesSelector"/>) and assembles it, padding to air.
/// </summary>
public static class StoredSeriesLoader
{
    /// <exception cref="StudyInputException">No readable instance, no usable CT series, or the series does not form a volume.</exception>
    public static LoadedSeries Load(IReadOnlyList<string> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var headers = new InstanceHeader?[files.Count];
        var errors = new ConcurrentBag<string>();
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var source = new InstanceSource(files[i]);
            try
            {
                headers[i] = InstanceHeaderReader.FromFile(source.Read(InstanceHeaderReader.HeaderOptions), source, out string? problem);
                if (problem is not null)
                {
                    errors.Add($"{Path.GetFileName(files[i])}: {problem}");
                }
            }
            catch (Exception e) when (e is DicomException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                errors.Add($"{Path.GetFileName(files[i])}: {e.Message}");
            }
        });

        var series = new List<SeriesInfo>();
        foreach (var group in headers.OfType<InstanceHeader>().GroupBy(h => h.SeriesInstanceUid, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            series.Add(new SeriesInfo(group.Key, [.. group.OrderBy(h => h.Source.FilePath, StringComparer.Ordinal)]));
        }

        if (series.Count == 0)
        {
            throw new StudyInputException(errors.IsEmpty ? "the study has no instances" : "no readable image instance: " + errors.Order(StringComparer.Ordinal).First());
        }

        var selection = SeriesSelector.Select(series);
        if (selection.Chosen is not { } chosen)
        {
            throw new StudyInputException(selection.Reason);
        }

        try
        {
            var assembled = new SeriesAssembler(DicomCodecs.Default, new AssemblyOptions { PaddingToAir = true }).Assemble(chosen, cancellationToken: cancellationToken);
            var warnings = errors.Order(StringComparer.Ordinal).Select(e => "skipped unreadable file " + e).Concat(assembled.Warnings).ToList();
            return new LoadedSeries(assembled.Volume, warnings, selection.Reason);
        }
        catch (SeriesAssemblyException e)
        {
            throw new StudyInputException("the selected series does not form a volume: " + e.Message, e);
        }
        catch (NotSupportedException e)
        {
            throw new StudyInputException("the selected series cannot be decoded: " + e.Message, e);
        }
        catch (DicomFormatException e)
        {
            throw new StudyInputException("the selected series has a damaged instance: " + e.Message, e);
        }
    }
}
