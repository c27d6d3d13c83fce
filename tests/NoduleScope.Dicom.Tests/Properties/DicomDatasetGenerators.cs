using FsCheck;
using FsCheck.Fluent;

namespace NoduleScope.Dicom.Tests.Properties;

/// <summary>
/// FsCheck generators of datasets the writer and reader must agree on: random public and private tags, every VR
/// except SQ for values (with lengths that fit the VR), and sequences of nested datasets up to three levels deep.
/// Left out are the attributes the reader treats specially by design: file meta (0002), group lengths, item tags,
/// Specific Character Set, Pixel Data, and UN values of attributes the dictionary calls SQ (parsed as sequences).
/// </summary>
internal static class DicomDatasetGenerators
{
    private static readonly DicomVR[] ValueVRs = [.. Enum.GetValues<DicomVR>().Where(vr => vr.IsKnown() && vr != DicomVR.SQ)];

    /// <summary>Groups of common public attributes, so generated tags often hit dictionary entries.</summary>
    private static readonly int[] CommonGroups = [0x0008, 0x0010, 0x0018, 0x0020, 0x0028, 0x0032, 0x0040, 0x0054, 0x0070, 0x3006, 0x6000];

    public static Gen<DicomDataset> Dataset(int depth = 0) =>
        from count in Gen.Choose(0, depth == 0 ? 16 : 5)
        from items in Item(depth).ListOf(count)
        select new DicomDataset(items);

    public static Gen<DicomTag> Tag() =>
        Gen.Frequency(
            (3, from g in Gen.Elements(CommonGroups) from e in Gen.Choose(1, 0x01FF) select new DicomTag((ushort)g, (ushort)e)),
            (1, from g in Gen.Choose(0x0004, 0x7FDF) from e in Gen.Choose(1, 0xFFFF) select new DicomTag((ushort)g, (ushort)e)),
            (1, from g in Gen.Elements(0x0009, 0x0011, 0x0029, 0x7FD1) from e in Gen.Choose(0x0010, 0x10FF) select new DicomTag((ushort)g, (ushort)e)))
        .Where(IsPlainAttribute);

    private static Gen<DicomItem> Item(int depth)
    {
        var element = from tag in Tag()
                      from vr in Gen.Elements(ValueVRs)
                      where !(vr == DicomVR.UN && DicomDictionary.ImplicitVR(tag) == DicomVR.SQ)
                      from value in Value(vr)
                      select (DicomItem)new DicomElement(tag, vr, value);
        if (depth >= 3)
        {
            return element;
        }

        var sequence = from tag in Tag()
                       from count in Gen.Choose(0, 3)
                       from items in Dataset(depth + 1).ListOf(count)
                       select (DicomItem)new DicomSequence(tag, items);
        return Gen.Frequency((6, element), (1, sequence));
    }

    public static Gen<byte[]> Value(DicomVR vr)
    {
        if (vr.IsString())
        {
            int max = vr is DicomVR.UT or DicomVR.UC or DicomVR.UR or DicomVR.LT ? 300 : 64;
            return from length in Gen.Choose(0, max)
                   from chars in Gen.Choose(0x20, 0x7E).ArrayOf(length)
                   select chars.Select(c => (byte)c).ToArray();
        }

        int size = Math.Max(1, vr.ValueSize());
        int maxCount = vr.HasLongLength() ? 600 / size : 64 / size;
        return from count in Gen.Choose(0, maxCount)
               from bytes in Gen.Choose(0, 255).ArrayOf(count * size)
               select bytes.Select(b => (byte)b).ToArray();
    }

    private static bool IsPlainAttribute(DicomTag tag) =>
        tag.Group != 0x0002 && tag.Group != 0xFFFE && !tag.IsGroupLength && tag != DicomTags.SpecificCharacterSet && tag != DicomTags.PixelData;
}
