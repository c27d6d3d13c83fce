namespace NoduleScope.Dicom.Network;

/// <summary>
/// Sizes and timeouts that bound what one peer can make us allocate or wait for (hardening rule 10). The same limits
/// serve the server and the client.
/// </summary>
public sealed record DicomNetworkLimits
{
    /// <summary>
    /// Largest P-DATA-TF PDU we accept (its variable field, in bytes); advertised to the peer as our maximum length.
    /// A larger PDU aborts the association.
    /// </summary>
    public int MaxPduLength { get; init; } = 256 * 1024;

    /// <summary>Largest A-ASSOCIATE-RQ or -AC accepted, in bytes (128 presentation contexts with many syntaxes fit).</summary>
    public int MaxAssociatePduLength { get; init; } = 256 * 1024;

    /// <summary>Largest DIMSE command set, reassembled from its fragments.</summary>
    public int MaxCommandSetLength { get; init; } = 64 * 1024;

    /// <summary>Largest data set of one message, reassembled from its fragments; more aborts the association.</summary>
    public long MaxDataSetBytes { get; init; } = 2L << 30;

    /// <summary>
    /// ARTIM: connecting, the TLS handshake and the association request/answer must each complete within it, and after a
    /// release or rejection the peer must close the connection within it.
    /// </summary>
    public TimeSpan ArtimTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for the next PDU on an open association (and for a response to a request).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest time to receive or send one message (command plus data set: one instance).</summary>
    public TimeSpan InstanceTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest lifetime of one association.</summary>
    public TimeSpan AssociationTimeout { get; init; } = TimeSpan.FromHours(2);

    internal void Validate()
    {
        if (MaxPduLength < 4096 || MaxAssociatePduLength < 4096)
        {
            throw new ArgumentException("MaxPduLength and MaxAssociatePduLength must be at least 4096 bytes");
        }

        if (MaxCommandSetLength < 256 || MaxDataSetBytes < 1)
        {
            throw new ArgumentException("MaxCommandSetLength must be at least 256 bytes and MaxDataSetBytes positive");
        }

        foreach (var timeout in (ReadOnlySpan<TimeSpan>)[ArtimTimeout, IdleTimeout, InstanceTimeout, AssociationTimeout])
        {
            if (timeout <= TimeSpan.Zero)
            {
                throw new ArgumentException("every timeout of DicomNetworkLimits must be positive");
            }
        }
    }
}
