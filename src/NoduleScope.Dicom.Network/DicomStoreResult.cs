namespace NoduleScope.Dicom.Network;

/// <summary>
/// What became of one file given to <see cref="DicomClient.StoreAsync"/>: the peer's status, or why none came (the file
/// could not be read, no presentation context was accepted for it, or the association failed).
/// </summary>
public sealed record DicomStoreResult(string Path, string? SopInstanceUid, DicomStatus? Status, string? Error)
{
    /// <summary>The peer answered success or a warning (stored, with a remark).</summary>
    public bool Succeeded => Status is { } s && (s.IsSuccess || s.IsWarning);
}
