using System.Security.Cryptography;
using System.Text;

namespace NoduleScope.Detection.Synthesis;

/// <summary>Fixed split of the LIDC nodules by patient: one patient in five (by a hash of the ID) is held out for the
/// reported numbers; the others may be used for tuning. A patient's nodules never fall on both sides.</summary>
public static class LidcSplit
{
    public static bool IsHeldOut(string patientId) => SHA256.HashData(Encoding.ASCII.GetBytes(patientId))[0] % 5 == 0;

    public static LidcSplitPart PartOf(string patientId) => IsHeldOut(patientId) ? LidcSplitPart.HeldOut : LidcSplitPart.Tuning;
}
