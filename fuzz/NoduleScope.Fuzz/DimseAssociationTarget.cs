using System.Net;
using Microsoft.Extensions.Logging;
using NoduleScope.Dicom;
using NoduleScope.Dicom.Network;
using NoduleScope.Dicom.Network.Dimse;
using NoduleScope.Dicom.Network.Pdus;

namespace NoduleScope.Fuzz;

/// <summary>
/// The DICOM receiver's side of one association, as `serve` runs it: the input is everything the peer sends (PDU
/// framing, A-ASSOCIATE-RQ with its items and sub-items, P-DATA fragments, DIMSE command sets, data sets, release and
/// abort), answered by the real <see cref="ServerAssociation"/> state machine; what it sends back is discarded. The
/// association catches protocol errors itself (they end in an A-ABORT), so a finding is an exception it logs as
/// unexpected, or one that escapes it.
/// </summary>
internal sealed class DimseAssociationTarget : IFuzzTarget
{
    private const string CallingAe = "FUZZSCU";
    private const string CalledAe = "NODULESCOPE";
    private const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    private static readonly IPEndPoint Peer = new(IPAddress.Loopback, 40000);

    private readonly DicomServerOptions options = new()
    {
        AeTitle = CalledAe,
        AccessControl = new DicomAccessControl { AllowAnyPeer = true },
        Limits = new DicomNetworkLimits { MaxPduLength = 64 * 1024, MaxAssociatePduLength = 64 * 1024, MaxDataSetBytes = 4L << 20 },
    };

    public string Name => "dimse";

    public string Description => "ServerAssociation: PDU framing and parsing, association negotiation, DIMSE command sets, C-ECHO/C-STORE over one association";

    public IReadOnlyList<string> InstrumentedAssemblies { get; } = ["NoduleScope.Dicom.Network.dll"];

    public void Run(ReadOnlySpan<byte> input)
    {
        var logger = new UnexpectedErrorLogger();
        using var transport = new ScriptedPeerStream(input.ToArray());
        var association = new ServerAssociation(transport, Peer, options, new DiscardingStoreHandler(), logger, id: 1, overLimit: false, CancellationToken.None);
        association.RunAsync().GetAwaiter().GetResult();
        if (logger.Unexpected is { } e)
        {
            throw new InvalidOperationException("the association logged an unexpected error", e);
        }
    }

    public IEnumerable<FuzzSeed> Seeds(string? corpusFolder)
    {
        byte[] request = PduCodec.Encode(new AssociateRequestPdu(CalledAe, CallingAe, DicomNetworkUids.ApplicationContext,
            [
                new PresentationContextProposal(1, DicomNetworkUids.Verification, [DicomTransferSyntax.ImplicitVRLittleEndian.Uid]),
                new PresentationContextProposal(3, CtImageStorage, [DicomTransferSyntax.ExplicitVRLittleEndian.Uid, DicomTransferSyntax.ImplicitVRLittleEndian.Uid]),
            ],
            new UserInformation { MaxPduLength = 16384, ImplementationClassUid = "1.2.3.4", ImplementationVersionName = "FUZZ", AsynchronousOperations = (1, 1) }));
        byte[] release = PduCodec.Encode(new ReleaseRequestPdu());
        byte[] echo = DimseScript.Command(1, new DicomCommand { CommandField = DimseCommandField.CEchoRequest, MessageId = 1, AffectedSopClassUid = DicomNetworkUids.Verification });

        var slice = GeneratedDicomFiles.CtSlice(0, native: true);
        using var dataSet = new MemoryStream();
        DicomWriter.WriteDataset(dataSet, slice);
        string sopInstance = slice.GetString(DicomTags.SOPInstanceUID) ?? "1.2.3.4.5";
        byte[] storeCommand = DimseScript.Command(3, new DicomCommand
        {
            CommandField = DimseCommandField.CStoreRequest,
            MessageId = 2,
            AffectedSopClassUid = CtImageStorage,
            AffectedSopInstanceUid = sopInstance,
            Priority = 0,
            HasDataSet = true,
        });
        byte[] data = dataSet.ToArray();
        int half = data.Length / 2;
        byte[] storeData = DimseScript.Concat(
            PduCodec.Encode(new DataTransferPdu([new PresentationDataValue(3, false, false, data.AsMemory(0, half))])),
            PduCodec.Encode(new DataTransferPdu([new PresentationDataValue(3, false, true, data.AsMemory(half))])));

        yield return new FuzzSeed("gen_associate_release.bin", DimseScript.Concat(request, release));
        yield return new FuzzSeed("gen_echo.bin", DimseScript.Concat(request, echo, release));
        yield return new FuzzSeed("gen_store.bin", DimseScript.Concat(request, storeCommand, storeData, release));
        yield return new FuzzSeed("gen_echo_store_abort.bin", DimseScript.Concat(request, echo, storeCommand, storeData[..(storeData.Length / 3)], PduCodec.Encode(new AbortPdu(DicomAbortSource.ServiceUser, DicomAbortReason.NotSpecified))));
    }

    /// <summary>Accepts every association and instance and keeps at most the data set's byte count.</summary>
    private sealed class DiscardingStoreHandler : IStoreHandler
    {
        public ValueTask<DicomAssociationRejection?> ReviewAssociationAsync(DicomAssociationInfo association, CancellationToken cancellationToken) =>
            ValueTask.FromResult<DicomAssociationRejection?>(null);

        public ValueTask<IStoreTransaction> BeginStoreAsync(DicomStoreRequest request, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IStoreTransaction>(new CountingTransaction());
    }

    private sealed class CountingTransaction : IStoreTransaction
    {
        private long bytes;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
        {
            bytes += fragment.Length;
            return ValueTask.CompletedTask;
        }

        public ValueTask<DicomStatus> CommitAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(bytes > 0 ? DicomStatus.Success : DicomStatus.ProcessingFailure);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Keeps the first exception the association logs at error level: its catch-all for what it did not expect.</summary>
    private sealed class UnexpectedErrorLogger : ILogger
    {
        public Exception? Unexpected { get; private set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null)
            {
                Unexpected ??= exception;
            }
        }
    }
}
