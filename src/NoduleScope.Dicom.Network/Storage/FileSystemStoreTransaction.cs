using System.Security.Cryptography;

namespace NoduleScope.Dicom.Network.Storage;

/// <summary>One instance on its way to disk for <see cref="FileSystemStoreHandler"/>.</summary>
internal sealed class FileSystemStoreTransaction : IStoreTransaction
{
    private const int MaxCommentLength = 64;

    private readonly FileSystemStoreHandler owner;
    private readonly DicomStoreRequest request;
    private readonly string temporaryPath;
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly DateTimeOffset receivedAt = DateTimeOffset.UtcNow;
    private FileStream? file;
    private long length;
    private bool committed;

    public FileSystemStoreTransaction(FileSystemStoreHandler owner, DicomStoreRequest request)
    {
        this.owner = owner;
        this.request = request;
        temporaryPath = Path.Combine(owner.IncomingDirectory, Guid.NewGuid().ToString("N") + ".part");
        file = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        byte[] header = Part10Header.Build(request.SopClassUid, request.SopInstanceUid, request.TransferSyntax.Uid, SafeAeTitle(request.Association.CallingAeTitle));
        file.Write(header);
        hash.AppendData(header);
        length = header.Length;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        await file!.WriteAsync(fragment, cancellationToken).ConfigureAwait(false);
        hash.AppendData(fragment.Span);
        length += fragment.Length;
    }

    public async ValueTask<DicomStatus> CommitAsync(CancellationToken cancellationToken)
    {
        StoredInstance instance;
        try
        {
            file!.Flush(flushToDisk: true);
            await file.DisposeAsync().ConfigureAwait(false);
            file = null;

            if (owner.Options.ValidateDataSet && Validate() is { } refusal)
            {
                return refusal;
            }

            string sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            string finalPath = owner.FinalPath(sha256);
            string folder = Path.GetDirectoryName(finalPath)!;
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
                DirectorySync.Flush(owner.InstancesDirectory);
            }

            File.Move(temporaryPath, finalPath, overwrite: true);
            committed = true;
            DirectorySync.Flush(folder);
            instance = new StoredInstance(finalPath, sha256, length, request.SopClassUid, request.SopInstanceUid, request.TransferSyntax.Uid, request.Association, receivedAt);
        }
        catch (IOException e)
        {
            return DicomStatus.OutOfResources.WithComment(Truncate("cannot write: " + e.Message));
        }

        await owner.RecordAsync(instance, cancellationToken).ConfigureAwait(false);
        return DicomStatus.Success;
    }

    public async ValueTask DisposeAsync()
    {
        if (file is not null)
        {
            await file.DisposeAsync().ConfigureAwait(false);
            file = null;
        }

        if (!committed)
        {
            try
            {
                File.Delete(temporaryPath);
            }
            catch (IOException)
            {
                // Left in incoming/: never acknowledged, so the sender still has it.
            }
        }

        hash.Dispose();
    }

    /// <summary>Null when the file parses and matches the command; else the failure status to answer with.</summary>
    private DicomStatus? Validate()
    {
        DicomFile parsed;
        try
        {
            parsed = DicomFile.Open(temporaryPath, owner.Options.ReadOptions);
        }
        catch (DicomException e)
        {
            string reason = e is DicomFormatException f ? f.Reason : e.Message;
            return DicomStatus.CannotUnderstand.WithComment(Truncate("data set unreadable: " + reason));
        }

        string? sopClass = parsed.Dataset.GetString(DicomTags.SOPClassUID);
        string? sopInstance = parsed.Dataset.GetString(DicomTags.SOPInstanceUID);
        if (sopClass != request.SopClassUid)
        {
            return DicomStatus.DataSetDoesNotMatchSopClass.WithComment("SOP Class UID differs from the command");
        }

        if (sopInstance != request.SopInstanceUid)
        {
            return DicomStatus.CannotUnderstand.WithComment("SOP Instance UID differs from the command");
        }

        return null;
    }

    /// <summary>The calling AE title for (0002,0016) when it is a valid AE value; it is data here, never a path.</summary>
    private static string? SafeAeTitle(string aeTitle)
    {
        foreach (char c in aeTitle)
        {
            if (c is < (char)0x20 or > (char)0x7E or '\\')
            {
                return null;
            }
        }

        return aeTitle.Length is > 0 and <= 16 ? aeTitle : null;
    }

    private static string Truncate(string s) => s.Length <= MaxCommentLength ? s : s[..MaxCommentLength];
}
