using System.Net;

namespace NoduleScope.Dicom.Network;

/// <summary>
/// Who is calling. Every string here comes from the peer: never use it in a path, and encode it when logging or
/// showing it (hardening rules 7 and 8).
/// </summary>
public sealed record DicomAssociationInfo(
    long Id,
    string CallingAeTitle,
    string CalledAeTitle,
    IPEndPoint RemoteEndPoint,
    string? ClientCertificateSubject,
    string? ImplementationClassUid,
    string? ImplementationVersionName);
