namespace NoduleScope.Dicom.Network;

/// <summary>The final answer to a C-MOVE: its status and how many instances the peer sent, failed or warned about.</summary>
public sealed record DicomMoveResult(DicomStatus Status, int Completed, int Failed, int Warnings);
