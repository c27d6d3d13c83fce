using NoduleScope.Dicom;

namespace NoduleScope.Imaging.Series;

/// <summary>The instances of one series found by <see cref="DicomInputScanner"/>, with summary values for listing and choosing.</summary>
public sealed class SeriesInfo
{
    public SeriesInfo(string seriesInstanceUid, IReadOnlyList<InstanceHeader> instances)
    {
        if (instances.Count == 0)
        {
            throw new ArgumentException("a series needs at least one instance", nameof(instances));
        }

        SeriesInstanceUid = seriesInstanceUid;
        Instances = instances;
    }

    public string SeriesInstanceUid { get; }

    public IReadOnlyList<InstanceHeader> Instances { get; }

    public InstanceHeader First => Instances[0];

    public string StudyInstanceUid => First.StudyInstanceUid;

    public string Modality => First.Modality;

    public string SeriesDescription => First.SeriesDescription;

    public int? SeriesNumber => First.SeriesNumber;

    public string ConvolutionKernel => First.ConvolutionKernel;

    public DicomTransferSyntax TransferSyntax => First.TransferSyntax;

    /// <summary>Number of image slices (frames of multi-frame instances counted one by one).</summary>
    public int SliceCount
    {
        get
        {
            int n = 0;
            foreach (var i in Instances)
            {
                n += i.HasPixelData ? i.NumberOfFrames : 0;
            }

            return n;
        }
    }

    public bool IsLocalizer => First.IsLocalizer;

    /// <summary>Slice order, spacing and problems worked out from the headers (computed once, on first use).</summary>
    public SeriesGeometry Geometry => geometry ??= SeriesGeometry.Analyze(this);

    private SeriesGeometry? geometry;
}
