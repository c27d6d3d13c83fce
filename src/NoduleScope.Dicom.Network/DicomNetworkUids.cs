namespace NoduleScope.Dicom.Network;

/// <summary>UIDs of the network protocol itself.</summary>
public static class DicomNetworkUids
{
    /// <summary>The DICOM application context name, the only one defined (PS3.7 Annex A.2.1).</summary>
    public const string ApplicationContext = "1.2.840.10008.3.1.1.1";

    /// <summary>Verification SOP class (C-ECHO).</summary>
    public const string Verification = "1.2.840.10008.1.1";

    /// <summary>Study Root Query/Retrieve Information Model - FIND (C-FIND).</summary>
    public const string StudyRootFind = "1.2.840.10008.5.1.4.1.2.2.1";

    /// <summary>Study Root Query/Retrieve Information Model - MOVE (C-MOVE).</summary>
    public const string StudyRootMove = "1.2.840.10008.5.1.4.1.2.2.2";
}
