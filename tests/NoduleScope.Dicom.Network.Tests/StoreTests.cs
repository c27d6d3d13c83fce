using NoduleScope.Dicom.Network.Storage;

namespace NoduleScope.Dicom.Network.Tests;

/// <summary>C-STORE from our client to our server into <see cref="FileSystemStoreHandler"/>.</summary>
public sealed class StoreTests
{
    [Fact]
    public async Task SeriesArrivesWithDataSetsByteIdentical()
    {
        using var source = new TempDirectory();
        var files = TestFiles.CtSeries(source.Path, slices: 4);
        var recorded = new List<StoredInstance>();
        await using var scp = TestScp.Start(recorder: (instance, _) =>
        {
            lock (recorded)
            {
                recorded.Add(instance);
            }

            return ValueTask.CompletedTask;
        });

        var results = await scp.Client().StoreAsync(files);

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(4, recorded.Count);
        foreach (string file in files)
        {
            string uid = DicomFile.OpenHeader(file).SopInstanceUid!;
            var stored = Assert.Single(recorded, r => r.SopInstanceUid == uid);
            Assert.Equal(TestFiles.DataSetBytes(file), TestFiles.DataSetBytes(stored.Path));
            Assert.StartsWith(scp.Store.InstancesDirectory + Path.DirectorySeparatorChar, stored.Path, StringComparison.Ordinal);
            Assert.Equal(stored.Sha256 + ".dcm", Path.GetFileName(stored.Path));
            Assert.Equal(TestScp.CallingAe, stored.Association.CallingAeTitle);

            var reread = DicomFile.Open(stored.Path);
            Assert.Equal(uid, reread.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID));
            Assert.Equal(TestScp.CallingAe, reread.FileMetaInformation.GetString(DicomTags.SourceApplicationEntityTitle));
            Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, reread.TransferSyntax);
        }

        Assert.Empty(Directory.EnumerateFiles(scp.Store.IncomingDirectory));
    }

    [Fact]
    public async Task SmallPeerPduLengthFragmentsEveryInstance()
    {
        using var source = new TempDirectory();
        var files = TestFiles.CtSeries(source.Path, slices: 2, size: 64);
        // The server advertises 4096 bytes, so each 8 KiB slice travels in several P-DATA-TF PDUs.
        await using var scp = TestScp.Start(o => o with { Limits = o.Limits with { MaxPduLength = 4096 } });
        var results = await scp.Client().StoreAsync(files);
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        var stored = scp.StoredFiles();
        Assert.Equal(2, stored.Count);
        Assert.Equal(
            files.Select(f => Convert.ToHexString(TestFiles.DataSetBytes(f))).Order(StringComparer.Ordinal),
            stored.Select(f => Convert.ToHexString(TestFiles.DataSetBytes(f))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SameInstanceTwiceIsOneFile()
    {
        using var source = new TempDirectory();
        var files = TestFiles.CtSeries(source.Path, slices: 1);
        await using var scp = TestScp.Start();
        Assert.True((await scp.Client().StoreAsync(files)).Single().Succeeded);
        Assert.True((await scp.Client().StoreAsync(files)).Single().Succeeded);
        Assert.Single(scp.StoredFiles());
    }

    [Fact]
    public async Task FailingRecorderMeansNoSuccessAndARetryWorks()
    {
        using var source = new TempDirectory();
        var files = TestFiles.CtSeries(source.Path, slices: 1);
        int calls = 0;
        await using var scp = TestScp.Start(recorder: (_, _) =>
            Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("database is down") : ValueTask.CompletedTask);

        var first = (await scp.Client().StoreAsync(files)).Single();
        Assert.False(first.Succeeded);
        Assert.Equal(DicomStatus.ProcessingFailure.Code, first.Status!.Value.Code);

        var retry = (await scp.Client().StoreAsync(files)).Single();
        Assert.True(retry.Succeeded);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task DataSetThatDoesNotMatchItsCommandIsRefused()
    {
        using var source = new TempDirectory();
        string file = TestFiles.CtSeries(source.Path, slices: 1)[0];
        byte[] bytes = File.ReadAllBytes(file);
        var header = Part10Header.TryRead(new MemoryStream(bytes), file)!;
        int dataSetStart = (int)header.DataSetOffset;

        // The data set gets another SOP Instance UID; the file meta, which the client announces, keeps the original.
        byte[] real = System.Text.Encoding.ASCII.GetBytes(header.SopInstanceUid!);
        int at = dataSetStart + bytes.AsSpan(dataSetStart).IndexOf(real);
        byte[] mismatchedBytes = (byte[])bytes.Clone();
        mismatchedBytes.AsSpan(at + 2, real.Length - 2).Fill((byte)'9');
        string mismatched = Path.Combine(source.Path, "mismatched.dcm");
        File.WriteAllBytes(mismatched, mismatchedBytes);

        // A data set whose first element claims 32 KiB more than there is.
        string garbage = Path.Combine(source.Path, "garbage.dcm");
        File.WriteAllBytes(garbage, [.. bytes[..dataSetStart], 0x08, 0x00, 0x16, 0x00, (byte)'U', (byte)'I', 0xFF, 0x7F, 1, 2]);

        await using var scp = TestScp.Start();
        var results = await scp.Client().StoreAsync([mismatched, garbage, file]);

        Assert.Equal(DicomStatus.CannotUnderstand.Code, results[0].Status!.Value.Code);
        Assert.Contains("SOP Instance UID differs", results[0].Status!.Value.ErrorComment, StringComparison.Ordinal);
        Assert.Equal(DicomStatus.CannotUnderstand.Code, results[1].Status!.Value.Code);
        Assert.Contains("unreadable", results[1].Status!.Value.ErrorComment, StringComparison.Ordinal);
        Assert.True(results[2].Succeeded);
        Assert.Single(scp.StoredFiles());
        Assert.Empty(Directory.EnumerateFiles(scp.Store.IncomingDirectory));
    }

    [Fact]
    public async Task SopClassNotConfiguredIsNotAccepted()
    {
        using var source = new TempDirectory();
        var files = TestFiles.CtSeries(source.Path, slices: 2);
        await using var scp = TestScp.Start(o => o with { AcceptedSopClasses = new HashSet<string> { "1.2.840.10008.5.1.4.1.1.4" } });
        var results = await scp.Client().StoreAsync([.. files, Path.Combine(source.Path, "missing.dcm")]);
        Assert.All(results.Take(2), r => Assert.Contains("AbstractSyntaxNotSupported", r.Error, StringComparison.Ordinal));
        Assert.Contains("cannot read", results[2].Error, StringComparison.Ordinal);
        Assert.Empty(scp.StoredFiles());
    }

    [Fact]
    public async Task TransferSyntaxNotConfiguredIsNotAccepted()
    {
        using var source = new TempDirectory();
        var files = TestFiles.CtSeries(source.Path, slices: 1);
        await using var scp = TestScp.Start(o => o with { AcceptedTransferSyntaxes = new HashSet<string> { DicomTransferSyntax.ImplicitVRLittleEndian.Uid } });
        var result = (await scp.Client().StoreAsync(files)).Single();
        Assert.Contains("TransferSyntaxesNotSupported", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiskNearlyFullRefusesInstancesWithOutOfResources()
    {
        using var source = new TempDirectory();
        var files = TestFiles.CtSeries(source.Path, slices: 1);
        using var storeFolder = new TempDirectory();
        var tight = new FileSystemStoreHandler(new FileSystemStoreOptions { RootDirectory = storeFolder.Path, MinimumFreeBytes = long.MaxValue });
        // The association passes (the handler's own veto is bypassed here), the instance does not.
        await using var scp = TestScp.Start(wrap: _ => new AcceptingHandler(tight));
        var result = (await scp.Client().StoreAsync(files)).Single();
        Assert.Equal(DicomStatus.OutOfResources.Code, result.Status!.Value.Code);
        Assert.Empty(Directory.EnumerateFiles(storeFolder.Path, "*", SearchOption.AllDirectories));

        Assert.Equal(DicomAssociationRejection.TemporaryCongestion, await tight.ReviewAssociationAsync(null!, default));
    }

    [Fact]
    public async Task UnreachablePeerGivesEveryFileAnError()
    {
        using var source = new TempDirectory();
        var files = TestFiles.CtSeries(source.Path, slices: 2);
        var client = new DicomClient(new DicomClientOptions { Host = "127.0.0.1", Port = Dcmtk.FreePort(), CallingAeTitle = "A", CalledAeTitle = "B" });
        var results = await client.StoreAsync(files);
        Assert.All(results, r =>
        {
            Assert.Null(r.Status);
            Assert.Contains("could not connect", r.Error, StringComparison.Ordinal);
        });
    }

    private sealed class AcceptingHandler(IStoreHandler inner) : IStoreHandler
    {
        public ValueTask<DicomAssociationRejection?> ReviewAssociationAsync(DicomAssociationInfo association, CancellationToken cancellationToken) =>
            ValueTask.FromResult<DicomAssociationRejection?>(null);

        public ValueTask<IStoreTransaction> BeginStoreAsync(DicomStoreRequest request, CancellationToken cancellationToken) =>
            inner.BeginStoreAsync(request, cancellationToken);
    }
}
