using NoduleScope.Dicom;
using NoduleScope.Dicom.Network;
using NoduleScope.Dicom.Network.Dimse;
using NoduleScope.Dicom.Network.Pdus;

namespace NoduleScope.Fuzz;

/// <summary>
/// The service's SCU side when it fetches a prior from the PACS: <see cref="DicomClient.FindStudiesAsync"/> or
/// <see cref="DicomClient.MoveStudyAsync"/> (the first input byte picks which) over one association whose every byte
/// from the PACS is the rest of the input (A-ASSOCIATE-AC or -RJ, P-DATA with C-FIND/C-MOVE responses and C-FIND
/// identifiers, release, abort). A <see cref="DicomNetworkException"/> is the documented answer to a bad peer; anything
/// else escaping is a finding.
/// </summary>
internal sealed class DimseQueryTarget : IFuzzTarget
{
    private const string OurAe = "NODULESCOPE";
    private const string PacsAe = "PACS";

    public string Name => "dimse-query";

    public string Description => "DicomClient C-FIND/C-MOVE SCU against a scripted PACS: negotiation answer, pending and final responses, identifiers";

    public IReadOnlyList<string> InstrumentedAssemblies { get; } = ["NoduleScope.Dicom.Network.dll", "NoduleScope.Dicom.dll"];

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length == 0)
        {
            return;
        }

        bool move = (input[0] & 1) == 1;
        byte[] script = input[1..].ToArray();
        var client = new DicomClient(new DicomClientOptions
        {
            Host = "pacs",
            Port = 104,
            CallingAeTitle = OurAe,
            CalledAeTitle = PacsAe,
            Limits = new DicomNetworkLimits { MaxPduLength = 64 * 1024, MaxDataSetBytes = 4L << 20 },
            Transport = () => new ScriptedPeerStream(script),
        });
        try
        {
            if (move)
            {
                client.MoveStudyAsync("1.2.3.4", OurAe).GetAwaiter().GetResult();
            }
            else
            {
                client.FindStudiesAsync(new DicomDataset().AddString(DicomTags.PatientID, "P").AddString(DicomTags.StudyInstanceUID, string.Empty)).GetAwaiter().GetResult();
            }
        }
        catch (DicomNetworkException)
        {
            // The documented answer to a peer that breaks the protocol.
        }
    }

    public IEnumerable<FuzzSeed> Seeds(string? corpusFolder)
    {
        static byte[] Accept() => PduCodec.Encode(new AssociateAcceptPdu(PacsAe, OurAe, DicomNetworkUids.ApplicationContext,
            [new PresentationContextResult(1, PresentationContextOutcome.Acceptance, DicomTransferSyntax.ExplicitVRLittleEndian.Uid)],
            new UserInformation { MaxPduLength = 16384, ImplementationClassUid = "1.2.3.4", ImplementationVersionName = "FUZZPACS" }));
        byte[] release = PduCodec.Encode(new ReleaseResponsePdu());

        var match = new DicomDataset()
            .AddString(DicomTags.QueryRetrieveLevel, "STUDY")
            .AddString(DicomTags.StudyDate, "20240101")
            .AddString(DicomTags.ModalitiesInStudy, "CT\\SR")
            .AddString(DicomTags.PatientID, "P")
            .AddString(DicomTags.StudyInstanceUID, "1.2.3.4");
        using var identifier = new MemoryStream();
        DicomWriter.WriteDataset(identifier, match);
        byte[] findPending = DimseScript.Concat(
            DimseScript.Command(1, new DicomCommand { CommandField = DimseCommandField.CFindResponse, MessageIdBeingRespondedTo = 1, AffectedSopClassUid = DicomNetworkUids.StudyRootFind, Status = 0xFF00, HasDataSet = true }),
            PduCodec.Encode(new DataTransferPdu([new PresentationDataValue(1, false, true, identifier.ToArray())])));
        byte[] findFinal = DimseScript.Command(1, new DicomCommand { CommandField = DimseCommandField.CFindResponse, MessageIdBeingRespondedTo = 1, AffectedSopClassUid = DicomNetworkUids.StudyRootFind, Status = 0x0000 });
        byte[] movePending = DimseScript.Command(1, new DicomCommand
        {
            CommandField = DimseCommandField.CMoveResponse, MessageIdBeingRespondedTo = 1, AffectedSopClassUid = DicomNetworkUids.StudyRootMove,
            Status = 0xFF00, RemainingSuboperations = 2, CompletedSuboperations = 1, FailedSuboperations = 0, WarningSuboperations = 0,
        });
        byte[] moveFinal = DimseScript.Command(1, new DicomCommand
        {
            CommandField = DimseCommandField.CMoveResponse, MessageIdBeingRespondedTo = 1, AffectedSopClassUid = DicomNetworkUids.StudyRootMove,
            Status = 0x0000, RemainingSuboperations = 0, CompletedSuboperations = 3, FailedSuboperations = 0, WarningSuboperations = 0,
        });

        yield return new FuzzSeed("gen_find_one_match.bin", DimseScript.Concat([0], Accept(), findPending, findFinal, release));
        yield return new FuzzSeed("gen_find_two_matches.bin", DimseScript.Concat([0], Accept(), findPending, findPending, findFinal, release));
        yield return new FuzzSeed("gen_find_none.bin", DimseScript.Concat([0], Accept(), findFinal, release));
        yield return new FuzzSeed("gen_move.bin", DimseScript.Concat([1], Accept(), movePending, movePending, moveFinal, release));
        yield return new FuzzSeed("gen_move_rejected.bin", DimseScript.Concat([1], PduCodec.Encode(new AssociateRejectPdu((DicomRejectResult)1, (DicomRejectSource)1, 3))));
    }
}
