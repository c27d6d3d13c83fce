namespace NoduleScope.Dicom.Network;

/// <summary>Where and as whom a <see cref="DicomClient"/> connects.</summary>
public sealed record DicomClientOptions
{
    public required string Host { get; init; }

    public required int Port { get; init; }

    /// <summary>Our AE title.</summary>
    public required string CallingAeTitle { get; init; }

    /// <summary>The peer's AE title.</summary>
    public required string CalledAeTitle { get; init; }

    /// <summary>When set, the connection is TLS with our client certificate (mutual authentication).</summary>
    public DicomClientTlsOptions? Tls { get; init; }

    public DicomNetworkLimits Limits { get; init; } = new();

    /// <summary>C-STORE priority: 0 medium, 1 high, 2 low.</summary>
    public ushort Priority { get; init; }

    /// <summary>Replaces the TCP (and TLS) connection with a given stream: the fuzz target of the SCU side.</summary>
    internal Func<Stream>? Transport { get; init; }

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host);
        if (Port is < 1 or > 65535)
        {
            throw new ArgumentException("Port must be 1 to 65535");
        }

        AeTitles.Validate(CallingAeTitle, nameof(CallingAeTitle));
        AeTitles.Validate(CalledAeTitle, nameof(CalledAeTitle));
        Limits.Validate();
    }
}
