using System.Security.Cryptography;
using System.Text;

namespace NoduleScope.Detection.Synthesis;

/// <summary>Fixed split of the LIDC nodules by patient: one patient in five (by a hash of the ID) is held out for the
/// reported numbers; the others may be used for tuning. A patient's nodules never fall on both sides.</summary>
public static class LidcSplit
{
    public static bool IsHeldOut(string patientId) => SHA256.HashData(Encoding.ASCII.GetBytes(patientId))[0] % 5 == 0;

    /// <summary>Fold (0 … <paramref name="folds"/> − 1) of a patient for patient-grouped cross-validation within a part,
    /// from the first two bytes of the same hash (the held-out split uses the first byte alone).</summary>
    public static int FoldOf(string patientId, int folds)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(patientId));
        return ((hash[0] << 8) | hash[1]) % folds;
    }

    public static LidcSplitPart PartOf(string patientId) => IsHeldOut(patientId) ? LidcSplitPart.HeldOut : LidcSplitPart.Tuning;
}
