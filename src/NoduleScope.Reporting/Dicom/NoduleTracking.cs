using System.Globalization;
using NoduleScope.Dicom;

namespace NoduleScope.Reporting.Dicom;

/// <summary>
/// The tracking identifier and tracking UID of each nodule, shared by the SR measurement groups and the SEG segments
/// of one run so that viewers can link a measurement to its segment.
/// </summary>
public sealed class NoduleTracking
{
    private readonly Dictionary<int, string> uids;

    private NoduleTracking(Dictionary<int, string> uids)
    {
        this.uids = uids;
    }

    /// <summary>New UIDs for the findings with ids <paramref name="findingIds"/>.</summary>
    public static NoduleTracking Create(IEnumerable<int> findingIds)
    {
        var uids = new Dictionary<int, string>();
        foreach (int id in findingIds)
        {
            uids[id] = DicomUid.Generate();
        }

        return new NoduleTracking(uids);
    }

    /// <summary>"Nodule 3" for finding 3: the label people see in viewers and reports.</summary>
    public static string Identifier(int findingId) => "Nodule " + findingId.ToString(CultureInfo.InvariantCulture);

    public string Uid(int findingId) => uids.TryGetValue(findingId, out string? uid)
        ? uid
        : throw new KeyNotFoundException($"no tracking UID for finding {findingId}");
}
