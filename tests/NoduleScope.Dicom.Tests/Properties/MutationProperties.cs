using FsCheck;
using FsCheck.Fluent;

namespace NoduleScope.Dicom.Tests.Properties;

/// <summary>
/// Valid files cut short and with bytes overwritten never make the reader or the pixel-data layer throw anything but
/// the typed errors (<see cref="DicomException"/>: format, limit, codec; <see cref="DicomNotSupportedException"/>), and
/// never allocate far beyond the input's size.
/// </summary>
public sealed class MutationProperties
{
    private const long FixedAllowance = 64L << 20;
    private static readonly PixelCodecRegistry NoCodecs = new();

    [Fact]
    public void DamagedSmallFilesEndInTypedErrors()
    {
        var seeds = MutationSeeds.Small;
        var property = Prop.ForAll(Mutation(seeds.Count).ToArbitrary(), m => Check(seeds[m.Seed].Name, seeds[m.Seed].Bytes, m));
        FsCheck.Check.One(PropertyRuns.Config(maxTest: 2000), property);
    }

    [Fact]
    public void DamagedCorpusFilesEndInTypedErrors()
    {
        var files = MutationSeeds.CorpusFiles(maxBytes: 2 << 20);
        if (files.Count == 0)
        {
            Assert.Skip("../shared/dicom-corpus not found");
        }

        var cache = new Dictionary<int, byte[]>();
        var property = Prop.ForAll(Mutation(files.Count).ToArbitrary(), m =>
        {
            if (!cache.TryGetValue(m.Seed, out byte[]? bytes))
            {
                cache[m.Seed] = bytes = File.ReadAllBytes(files[m.Seed]);
            }

            Check(files[m.Seed], bytes, m);
        });
        FsCheck.Check.One(PropertyRuns.Config(maxTest: 600), property);
    }

    /// <summary>Which seed, where to cut it (if at all) and which bytes to overwrite; positions are fractions of the length
    /// (per ten thousand), half of them within the first kilobyte where the headers are.</summary>
    internal sealed record FileMutation(int Seed, int? CutPerTenThousand, IReadOnlyList<(int Position, bool InHeader, byte Value)> Edits)
    {
        public byte[] Apply(byte[] valid)
        {
            byte[] bytes = (byte[])valid.Clone();
            foreach (var (position, inHeader, value) in Edits)
            {
                if (bytes.Length == 0)
                {
                    break;
                }

                int range = inHeader ? Math.Min(bytes.Length, 1024) : bytes.Length;
                bytes[(int)((long)position * range / 10_000) % range] = value;
            }

            if (CutPerTenThousand is int cut)
            {
                bytes = bytes[..(int)((long)bytes.Length * cut / 10_000)];
            }

            return bytes;
        }

        public override string ToString() =>
            $"seed {Seed}, cut {(CutPerTenThousand is int c ? $"at {c / 100.0}%" : "none")}, edits [{string.Join(", ", Edits.Select(e => $"{e.Position}{(e.InHeader ? "h" : string.Empty)}={e.Value:X2}"))}]";
    }

    private static Gen<FileMutation> Mutation(int seedCount) =>
        from seed in Gen.Choose(0, seedCount - 1)
        from cut in Gen.Frequency((1, Gen.Choose(0, 9_999).Select(c => (int?)c)), (2, Gen.Constant((int?)null)))
        from editCount in Gen.Choose(cut is null ? 1 : 0, 16)
        from edits in Edit().ListOf(editCount)
        select new FileMutation(seed, cut, edits);

    private static Gen<(int, bool, byte)> Edit() =>
        from position in Gen.Choose(0, 9_999)
        from inHeader in Gen.Elements(true, false)
        from value in Gen.Frequency((3, Gen.Choose(0, 255)), (1, Gen.Elements(0x00, 0xFF, 0x7F, 0x80, 0xFE)))
        select (position, inHeader, (byte)value);

    private static void Check(string name, byte[] valid, FileMutation mutation)
    {
        byte[] bytes = mutation.Apply(valid);
        bool deflated = valid.AsSpan().IndexOf("1.2.840.10008.1.2.1.99"u8) >= 0;
        long bound = FixedAllowance + ((deflated ? 512 : 16) * (long)bytes.Length);
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            ReadEverything(bytes);
        }
        catch (Exception e) when (e is DicomException or DicomNotSupportedException)
        {
            // The typed errors are the expected outcome for most damaged files.
        }
        catch (Exception e)
        {
            Assert.Fail($"{name} ({mutation}): {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated <= bound, $"{name} ({mutation}): allocated {allocated >> 20} MB for {bytes.Length} bytes");
    }

    private static void ReadEverything(byte[] bytes)
    {
        DicomFile.Read(new MemoryStream(bytes), "mutant.dcm", DicomReadOptions.Default with { ReadPixelData = false });
        var file = DicomFile.Read(new MemoryStream(bytes), "mutant.dcm");
        if (!file.Dataset.Contains(DicomTags.PixelData))
        {
            return;
        }

        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax, "mutant.dcm");
        for (int frame = 0; frame < Math.Min(pixels.FrameCount, 4); frame++)
        {
            pixels.GetRawFrame(frame);
            if (!pixels.IsEncapsulated)
            {
                pixels.DecodeFrame(frame, NoCodecs);
            }
        }
    }
}
