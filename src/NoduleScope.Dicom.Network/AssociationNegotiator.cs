using NoduleScope.Dicom.Network.Pdus;

namespace NoduleScope.Dicom.Network;

/// <summary>The server's answer to each proposed presentation context.</summary>
internal static class AssociationNegotiator
{
    private static readonly string[] VerificationSyntaxes =
    [
        DicomTransferSyntax.ImplicitVRLittleEndian.Uid,
        DicomTransferSyntax.ExplicitVRLittleEndian.Uid,
        DicomTransferSyntax.ExplicitVRBigEndian.Uid,
    ];

    /// <summary>
    /// Accepts Verification and the configured storage SOP classes; for each, the first transfer syntax the caller
    /// proposes that we accept (the caller lists the one its file is in first, and we store without re-encoding).
    /// </summary>
    public static List<PresentationContextResult> Negotiate(
        IReadOnlyList<PresentationContextProposal> proposals, DicomServerOptions options, Dictionary<byte, AcceptedPresentationContext> accepted)
    {
        var results = new List<PresentationContextResult>(proposals.Count);
        foreach (var proposal in proposals)
        {
            string? chosen;
            PresentationContextOutcome outcome;
            if (proposal.AbstractSyntax == DicomNetworkUids.Verification)
            {
                chosen = FirstAccepted(proposal.TransferSyntaxes, s => Array.IndexOf(VerificationSyntaxes, s) >= 0);
                outcome = chosen is null ? PresentationContextOutcome.TransferSyntaxesNotSupported : PresentationContextOutcome.Acceptance;
            }
            else if (options.AcceptedSopClasses.Contains(proposal.AbstractSyntax))
            {
                chosen = FirstAccepted(proposal.TransferSyntaxes, options.AcceptedTransferSyntaxes.Contains);
                outcome = chosen is null ? PresentationContextOutcome.TransferSyntaxesNotSupported : PresentationContextOutcome.Acceptance;
            }
            else
            {
                chosen = null;
                outcome = PresentationContextOutcome.AbstractSyntaxNotSupported;
            }

            // A rejected context still carries a transfer syntax sub-item, which the receiver ignores.
            results.Add(new PresentationContextResult(proposal.Id, outcome, chosen ?? proposal.TransferSyntaxes[0]));
            if (chosen is not null)
            {
                accepted[proposal.Id] = new AcceptedPresentationContext(proposal.Id, proposal.AbstractSyntax, DicomTransferSyntax.Lookup(chosen));
            }
        }

        return results;
    }

    private static string? FirstAccepted(IReadOnlyList<string> proposed, Func<string, bool> accepts)
    {
        foreach (string uid in proposed)
        {
            if (accepts(uid))
            {
                return uid;
            }
        }

        return null;
    }
}
