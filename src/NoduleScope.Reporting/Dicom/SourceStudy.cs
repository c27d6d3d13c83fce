using NoduleScope.Dicom;
using NoduleScope.Imaging;

namespace NoduleScope.Reporting.Dicom;

/// <summary>
/// What derived objects copy from the analysed series: the patient and study attributes of one source instance
/// (decoded from its character set), the series, frame of reference and SOP class, and the SOP Instance UID of each
/// volume slice.
/// </summary>
public sealed class SourceStudy
{
    /// <summary>Patient and study attributes copied as they are (all text VRs), in this order.</summary>
    internal static readonly DicomTag[] CopiedTags =
    [
        DicomTags.StudyDate,
        DicomTags.StudyTime,
        DicomTags.AccessionNumber,
        DicomTags.ReferringPhysicianName,
        DicomTags.StudyDescription,
        DicomTags.PatientName,
        DicomTags.PatientID,
        DicomTags.IssuerOfPatientID,
        DicomTags.PatientBirthDate,
        DicomTags.PatientSex,
        DicomTags.PatientAge,
        DicomTags.PatientIdentityRemoved,
        DicomTags.DeidentificationMethod,
        DicomTags.StudyInstanceUID,
        DicomTags.StudyID,
    ];

    /// <summary>Type 2 attributes among <see cref="CopiedTags"/>: written empty when the source lacks them.</summary>
    private static readonly HashSet<DicomTag> RequiredEvenIfEmpty =
    [
        DicomTags.StudyDate,
        DicomTags.StudyTime,
        DicomTags.AccessionNumber,
        DicomTags.ReferringPhysicianName,
        DicomTags.PatientName,
        DicomTags.PatientID,
        DicomTags.PatientBirthDate,
        DicomTags.PatientSex,
        DicomTags.StudyID,
    ];

    private readonly Dictionary<DicomTag, string> values;

    private SourceStudy(Dictionary<DicomTag, string> values, string studyUid, string seriesUid, string frameOfReferenceUid, string sopClassUid, IReadOnlyList<string> sliceSopInstanceUids)
    {
        this.values = values;
        StudyInstanceUid = studyUid;
        SeriesInstanceUid = seriesUid;
        FrameOfReferenceUid = frameOfReferenceUid;
        SopClassUid = sopClassUid;
        SliceSopInstanceUids = sliceSopInstanceUids;
    }

    public string StudyInstanceUid { get; }

    public string SeriesInstanceUid { get; }

    public string FrameOfReferenceUid { get; }

    /// <summary>SOP Class UID of the source images (e.g. CT Image Storage).</summary>
    public string SopClassUid { get; }

    /// <summary>SOP Instance UID of volume slice k, in volume order.</summary>
    public IReadOnlyList<string> SliceSopInstanceUids { get; }

    public string? PatientName => Get(DicomTags.PatientName);

    public string? PatientId => Get(DicomTags.PatientID);

    public string? PatientBirthDate => Get(DicomTags.PatientBirthDate);

    public string? PatientSex => Get(DicomTags.PatientSex);

    public string? PatientAge => Get(DicomTags.PatientAge);

    public string? StudyDate => Get(DicomTags.StudyDate);

    public string? StudyDescription => Get(DicomTags.StudyDescription);

    public string? AccessionNumber => Get(DicomTags.AccessionNumber);

    /// <summary>Builds the source description from one instance of the analysed series and the volume made from it.</summary>
    /// <exception cref="ArgumentException">The header or the volume lacks the identifiers derived objects need.</exception>
    public static SourceStudy From(DicomDataset header, CtVolume volume)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(volume);
        var values = new Dictionary<DicomTag, string>();
        foreach (var tag in CopiedTags)
        {
            if (header.GetString(tag) is { } value)
            {
                values[tag] = value;
            }
        }

        string studyUid = Uid(volume.Source.StudyInstanceUid) ?? Uid(header.GetString(DicomTags.StudyInstanceUID))
            ?? throw new ArgumentException("the source has no valid StudyInstanceUID", nameof(header));
        string seriesUid = Uid(volume.Source.SeriesInstanceUid) ?? Uid(header.GetString(DicomTags.SeriesInstanceUID))
            ?? throw new ArgumentException("the source has no valid SeriesInstanceUID", nameof(header));
        string frameUid = Uid(volume.Source.FrameOfReferenceUid) ?? Uid(header.GetString(DicomTags.FrameOfReferenceUID))
            ?? throw new ArgumentException("the source has no valid FrameOfReferenceUID: coordinates could not be referenced", nameof(header));
        string sopClass = Uid(header.GetString(DicomTags.SOPClassUID)) ?? throw new ArgumentException("the source has no valid SOPClassUID", nameof(header));
        var slices = volume.Source.SopInstanceUids;
        if (slices.Count != volume.SizeZ)
        {
            throw new ArgumentException($"the volume has {volume.SizeZ} slices but {slices.Count} source SOP Instance UIDs", nameof(volume));
        }

        if (slices.Distinct(StringComparer.Ordinal).Count() != slices.Count)
        {
            throw new ArgumentException("the volume's slices come from multi-frame instances, which derived objects cannot reference frame by frame yet", nameof(volume));
        }

        foreach (string uid in slices)
        {
            if (!DicomUid.IsValid(uid))
            {
                throw new ArgumentException($"source SOP Instance UID '{uid}' is not a valid UID", nameof(volume));
            }
        }

        values[DicomTags.StudyInstanceUID] = studyUid;
        return new SourceStudy(values, studyUid, seriesUid, frameUid, sopClass, slices);
    }

    /// <summary>Writes the patient and study attributes into a new instance (UTF-8 dataset).</summary>
    internal void CopyPatientAndStudy(DicomDataset target)
    {
        foreach (var tag in CopiedTags)
        {
            if (values.TryGetValue(tag, out string? value))
            {
                target.AddString(tag, Fit(tag, value));
            }
            else if (RequiredEvenIfEmpty.Contains(tag))
            {
                target.AddString(tag, string.Empty);
            }
        }
    }

    private string? Get(DicomTag tag) => values.TryGetValue(tag, out string? v) && v.Length > 0 ? v : null;

    private static string? Uid(string? uid) => DicomUid.IsValid(uid) ? uid : null;

    // A malformed source value that is too long for its VR must not make our own objects invalid.
    private static string Fit(DicomTag tag, string value)
    {
        int max = DicomDictionary.ImplicitVR(tag) switch
        {
            DicomVR.DA => 8,
            DicomVR.AS => 4,
            DicomVR.CS or DicomVR.SH => 16,
            DicomVR.LO => 64,
            DicomVR.UI => 64,
            _ => int.MaxValue,
        };
        return value.Length <= max ? value : value[..max];
    }
}
