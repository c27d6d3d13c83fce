namespace NoduleScope.Pipeline.Queue;

/// <summary>
/// One instance that is on disk (fsynced) and must be recorded before it is acknowledged. The UIDs were read from the
/// stored file; <see cref="RelativePath"/> is the content-addressed path under the storage root, never made from them.
/// </summary>
public sealed record ReceivedInstance(
    string SopInstanceUid,
    string SopClassUid,
    string StudyInstanceUid,
    string SeriesInstanceUid,
    string RelativePath,
    string Sha256,
    long Length,
    string CallingAeTitle);
