namespace NoduleScope.Dicom.Network;

/// <summary>Why an association request is refused: the three fields of an A-ASSOCIATE-RJ (PS3.8 Table 9-21).</summary>
public sealed record DicomAssociationRejection(DicomRejectResult Result, DicomRejectSource Source, byte Reason)
{
    public static DicomAssociationRejection NoReasonGiven { get; } = new(DicomRejectResult.Permanent, DicomRejectSource.ServiceUser, 1);

    public static DicomAssociationRejection ApplicationContextNotSupported { get; } = new(DicomRejectResult.Permanent, DicomRejectSource.ServiceUser, 2);

    public static DicomAssociationRejection CallingAeTitleNotRecognized { get; } = new(DicomRejectResult.Permanent, DicomRejectSource.ServiceUser, 3);

    public static DicomAssociationRejection CalledAeTitleNotRecognized { get; } = new(DicomRejectResult.Permanent, DicomRejectSource.ServiceUser, 7);

    public static DicomAssociationRejection ProtocolVersionNotSupported { get; } = new(DicomRejectResult.Permanent, DicomRejectSource.ServiceProviderAcse, 2);

    /// <summary>Transient: the peer may try again later (used for "disk nearly full" and handler vetoes).</summary>
    public static DicomAssociationRejection TemporaryCongestion { get; } = new(DicomRejectResult.Transient, DicomRejectSource.ServiceProviderPresentation, 1);

    /// <summary>Transient: too many associations at once.</summary>
    public static DicomAssociationRejection LocalLimitExceeded { get; } = new(DicomRejectResult.Transient, DicomRejectSource.ServiceProviderPresentation, 2);

    public string Describe()
    {
        string reason = (Source, Reason) switch
        {
            (DicomRejectSource.ServiceUser, 1) => "no reason given",
            (DicomRejectSource.ServiceUser, 2) => "application context name not supported",
            (DicomRejectSource.ServiceUser, 3) => "calling AE title not recognized",
            (DicomRejectSource.ServiceUser, 7) => "called AE title not recognized",
            (DicomRejectSource.ServiceProviderAcse, 1) => "no reason given (ACSE)",
            (DicomRejectSource.ServiceProviderAcse, 2) => "protocol version not supported",
            (DicomRejectSource.ServiceProviderPresentation, 1) => "temporary congestion",
            (DicomRejectSource.ServiceProviderPresentation, 2) => "local limit exceeded",
            _ => $"reason {Reason}",
        };
        return $"{(Result == DicomRejectResult.Transient ? "transient" : "permanent")} rejection: {reason}";
    }
}
