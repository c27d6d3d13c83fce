namespace NoduleScope.Dicom.Network;

/// <summary>The called application refused the association with an A-ASSOCIATE-RJ.</summary>
public sealed class DicomAssociationRejectedException : DicomNetworkException
{
    public DicomAssociationRejectedException(DicomAssociationRejection rejection)
        : base("association rejected: " + rejection.Describe())
    {
        Rejection = rejection;
    }

    public DicomAssociationRejection Rejection { get; }
}
