using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NoduleScope.Dicom.Network.Dimse;
using NoduleScope.Dicom.Network.Pdus;

namespace NoduleScope.Dicom.Network;

/// <summary>
/// A DICOM SCU: C-ECHO; C-STORE of Part 10 files; study-level C-FIND and C-MOVE (Study Root). Files are sent as they
/// are: the data set bytes after the file meta information go out unchanged, in a presentation context proposing the
/// file's own transfer syntax (we never transcode), so the receiver gets exactly the stored bytes.
/// </summary>
public sealed class DicomClient
{
    /// <summary>Presentation context ids are odd numbers 1 to 255.</summary>
    private const int MaxPresentationContexts = 128;

    private readonly DicomClientOptions options;
    private readonly ILogger logger;

    public DicomClient(DicomClientOptions options, ILogger<DicomClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        this.logger = logger ?? NullLogger<DicomClient>.Instance;
    }

    /// <summary>Opens an association, sends a C-ECHO and releases. Association failures throw <see cref="DicomNetworkException"/>s.</summary>
    public async Task<DicomStatus> EchoAsync(CancellationToken cancellationToken = default)
    {
        PresentationContextProposal[] proposals =
            [new(1, DicomNetworkUids.Verification, [DicomTransferSyntax.ImplicitVRLittleEndian.Uid, DicomTransferSyntax.ExplicitVRLittleEndian.Uid])];
        await using var association = await ClientAssociation.OpenAsync(options, proposals, cancellationToken).ConfigureAwait(false);
        Logged(association, proposals.Length);
        if (!association.Results.TryGetValue(1, out var result) || result.Outcome != PresentationContextOutcome.Acceptance)
        {
            await association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
            throw new DicomNetworkException("the peer did not accept the Verification SOP class");
        }

        var response = await association.RequestAsync(1, new DicomCommand
        {
            CommandField = DimseCommandField.CEchoRequest,
            AffectedSopClassUid = DicomNetworkUids.Verification,
        }, null, false, cancellationToken).ConfigureAwait(false);
        await association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        return StatusOf(response);
    }

    /// <summary>
    /// Study-level C-FIND (Study Root): <paramref name="query"/> holds the matching keys and the return keys (empty
    /// values); QueryRetrieveLevel is set to STUDY. Returns the matches; more than <paramref name="maxMatches"/> abort
    /// the association. Throws <see cref="DicomNetworkException"/> for association trouble or a failure status.
    /// </summary>
    public async Task<IReadOnlyList<DicomDataset>> FindStudiesAsync(DicomDataset query, int maxMatches = 500, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var identifier = Identifier(query);
        var matches = new List<DicomDataset>();
        await using var association = await OpenQueryAsync(DicomNetworkUids.StudyRootFind, cancellationToken).ConfigureAwait(false);
        var final = await association.RequestUntilFinalAsync(1, new DicomCommand
        {
            CommandField = DimseCommandField.CFindRequest,
            AffectedSopClassUid = DicomNetworkUids.StudyRootFind,
            Priority = options.Priority,
        }, identifier, (_, data) =>
        {
            if (data is null)
            {
                return;
            }

            if (matches.Count >= maxMatches)
            {
                throw new DicomProtocolException($"more than {maxMatches} C-FIND matches", DicomAbortReason.NotSpecified);
            }

            matches.Add(ParseIdentifier(data));
        }, cancellationToken).ConfigureAwait(false);
        await association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        var status = StatusOf(final);
        if (!status.IsSuccess)
        {
            throw new DicomNetworkException($"C-FIND failed with status {status}");
        }

        return matches;
    }

    /// <summary>
    /// Study-level C-MOVE (Study Root): asks the peer to send the study to <paramref name="destinationAeTitle"/> (an AE
    /// the peer knows, usually our own receiver) and waits until it is done. Throws <see cref="DicomNetworkException"/>
    /// for association trouble.
    /// </summary>
    public async Task<DicomMoveResult> MoveStudyAsync(string studyInstanceUid, string destinationAeTitle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(studyInstanceUid);
        AeTitles.Validate(destinationAeTitle, nameof(destinationAeTitle));

        var identifier = Identifier(new DicomDataset().AddString(DicomTags.StudyInstanceUID, studyInstanceUid));
        await using var association = await OpenQueryAsync(DicomNetworkUids.StudyRootMove, cancellationToken).ConfigureAwait(false);
        var final = await association.RequestUntilFinalAsync(1, new DicomCommand
        {
            CommandField = DimseCommandField.CMoveRequest,
            AffectedSopClassUid = DicomNetworkUids.StudyRootMove,
            Priority = options.Priority,
            MoveDestination = destinationAeTitle,
        }, identifier, (_, _) => { }, cancellationToken).ConfigureAwait(false);
        await association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        return new DicomMoveResult(StatusOf(final), final.CompletedSuboperations ?? 0, final.FailedSuboperations ?? 0, final.WarningSuboperations ?? 0);
    }

    private async Task<ClientAssociation> OpenQueryAsync(string sopClassUid, CancellationToken cancellationToken)
    {
        // Identifiers are written explicit VR little endian, which every query/retrieve SCP accepts.
        PresentationContextProposal[] proposals = [new(1, sopClassUid, [DicomTransferSyntax.ExplicitVRLittleEndian.Uid])];
        var association = await ClientAssociation.OpenAsync(options, proposals, cancellationToken).ConfigureAwait(false);
        Logged(association, proposals.Length);
        if (!association.Results.TryGetValue(1, out var result) || result.Outcome != PresentationContextOutcome.Acceptance)
        {
            await association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
            throw new DicomNetworkException($"the peer did not accept {sopClassUid} in explicit VR little endian");
        }

        return association;
    }

    private static byte[] Identifier(DicomDataset keys)
    {
        var identifier = new DicomDataset().AddString(DicomTags.QueryRetrieveLevel, "STUDY");
        foreach (var item in keys)
        {
            if (item.Tag != DicomTags.QueryRetrieveLevel)
            {
                identifier.Add(item);
            }
        }

        using var buffer = new MemoryStream();
        DicomWriter.WriteDataset(buffer, identifier);
        return buffer.ToArray();
    }

    private static DicomDataset ParseIdentifier(byte[] data)
    {
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            return DicomFile.Read(stream, "C-FIND response", DicomReadOptions.Default with { ReadPixelData = false }).Dataset;
        }
        catch (DicomException e)
        {
            throw new DicomProtocolException("C-FIND response identifier cannot be read: " + e.Message, DicomAbortReason.InvalidPduParameterValue);
        }
    }

    /// <summary>
    /// Sends every file with C-STORE and returns one result per file, in order. Nothing here throws for network
    /// trouble: a file whose store did not complete has no status and an error, so the caller can retry exactly those.
    /// </summary>
    public async Task<IReadOnlyList<DicomStoreResult>> StoreAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var results = new List<DicomStoreResult>();
        var files = new List<(int Index, StoreFile File)>();
        foreach (string path in paths)
        {
            try
            {
                files.Add((results.Count, StoreFile.Read(path)));
                results.Add(new DicomStoreResult(path, null, null, "not sent"));
            }
            catch (Exception e) when (e is DicomException or IOException or UnauthorizedAccessException)
            {
                results.Add(new DicomStoreResult(path, null, null, "cannot read: " + e.Message));
            }
        }

        foreach (var batch in Batches(files))
        {
            await StoreBatchAsync(batch, results, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }

    /// <summary>Groups files so that each association needs at most 128 presentation contexts, one per (SOP class, transfer syntax).</summary>
    private static List<List<(int Index, StoreFile File)>> Batches(List<(int Index, StoreFile File)> files)
    {
        var batches = new List<List<(int, StoreFile)>>();
        var current = new List<(int, StoreFile)>();
        var keys = new HashSet<(string, string)>();
        foreach (var entry in files)
        {
            var key = (entry.File.SopClassUid, entry.File.TransferSyntaxUid);
            if (!keys.Contains(key) && keys.Count == MaxPresentationContexts)
            {
                batches.Add(current);
                current = [];
                keys.Clear();
            }

            keys.Add(key);
            current.Add(entry);
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }

    private async Task StoreBatchAsync(List<(int Index, StoreFile File)> batch, List<DicomStoreResult> results, CancellationToken cancellationToken)
    {
        var proposals = new List<PresentationContextProposal>();
        var contextOf = new Dictionary<(string, string), byte>();
        foreach (var (_, file) in batch)
        {
            var key = (file.SopClassUid, file.TransferSyntaxUid);
            if (!contextOf.ContainsKey(key))
            {
                byte id = (byte)(proposals.Count * 2 + 1);
                contextOf[key] = id;
                proposals.Add(new PresentationContextProposal(id, file.SopClassUid, [file.TransferSyntaxUid]));
            }
        }

        ClientAssociation association;
        try
        {
            association = await ClientAssociation.OpenAsync(options, proposals, cancellationToken).ConfigureAwait(false);
        }
        catch (DicomNetworkException e)
        {
            foreach (var (index, file) in batch)
            {
                results[index] = new DicomStoreResult(file.Path, file.SopInstanceUid, null, e.Message);
            }

            NetworkLog.ClientStoreFailed(logger, $"{batch.Count} files", e.Message);
            return;
        }

        await using (association.ConfigureAwait(false))
        {
            Logged(association, proposals.Count);
            string? failure = null;
            foreach (var (index, file) in batch)
            {
                if (failure is not null)
                {
                    results[index] = new DicomStoreResult(file.Path, file.SopInstanceUid, null, failure);
                    continue;
                }

                byte id = contextOf[(file.SopClassUid, file.TransferSyntaxUid)];
                if (!association.Results.TryGetValue(id, out var result) || result.Outcome != PresentationContextOutcome.Acceptance)
                {
                    string why = result is null ? "no answer" : result.Outcome.ToString();
                    results[index] = new DicomStoreResult(file.Path, file.SopInstanceUid, null,
                        $"presentation context for {LogText.Sanitize(file.SopClassUid)} in {LogText.Sanitize(file.TransferSyntaxUid)} not accepted ({why})");
                    continue;
                }

                try
                {
                    await using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                    stream.Position = file.DataSetOffset;
                    var response = await association.RequestAsync(id, new DicomCommand
                    {
                        CommandField = DimseCommandField.CStoreRequest,
                        AffectedSopClassUid = file.SopClassUid,
                        AffectedSopInstanceUid = file.SopInstanceUid,
                        Priority = options.Priority,
                        HasDataSet = true,
                    }, stream, DicomTransferSyntax.Lookup(file.TransferSyntaxUid).IsDeflated, cancellationToken).ConfigureAwait(false);
                    results[index] = new DicomStoreResult(file.Path, file.SopInstanceUid, StatusOf(response), null);
                }
                catch (DicomNetworkException e)
                {
                    failure = e.Message;
                    results[index] = new DicomStoreResult(file.Path, file.SopInstanceUid, null, e.Message);
                    NetworkLog.ClientStoreFailed(logger, file.Path, e.Message);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The file changed or vanished since it was read: the association is mid-message, so it must go.
                    failure = "association aborted after a file could not be read";
                    results[index] = new DicomStoreResult(file.Path, file.SopInstanceUid, null, "cannot read: " + e.Message);
                    await association.AbortAsync().ConfigureAwait(false);
                }
            }

            if (failure is null)
            {
                try
                {
                    await association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DicomNetworkException e)
                {
                    // Every response already arrived; a failed release loses nothing.
                    NetworkLog.ClientStoreFailed(logger, "(release)", e.Message);
                }
            }
        }
    }

    private void Logged(ClientAssociation association, int proposed) =>
        NetworkLog.ClientAssociated(logger, options.Host, options.Port, options.CalledAeTitle,
            association.Results.Values.Count(r => r.Outcome == PresentationContextOutcome.Acceptance), proposed);

    private static DicomStatus StatusOf(DicomCommand response) =>
        new(response.Status ?? throw new DicomProtocolException("response without a Status", DicomAbortReason.InvalidPduParameterValue),
            response.ErrorComment is null ? null : LogText.Sanitize(response.ErrorComment, 64));
}
