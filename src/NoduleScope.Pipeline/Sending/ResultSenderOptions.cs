using NoduleScope.Dicom.Network;

namespace NoduleScope.Pipeline.Sending;

/// <summary>Where <see cref="ResultSender"/> sends the results and how often it looks for work.</summary>
public sealed record ResultSenderOptions
{
    public required DicomClientOptions Pacs { get; init; }

    /// <summary>Unique among every sender sharing the queue.</summary>
    public required string WorkerId { get; init; }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Files sent per association at most.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The destination as recorded with each send: "AE@host:port".</summary>
    public static string Describe(DicomClientOptions pacs)
    {
        ArgumentNullException.ThrowIfNull(pacs);
        return $"{pacs.CalledAeTitle}@{pacs.Host}:{pacs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
