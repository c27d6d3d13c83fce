using System.Globalization;

namespace NoduleScope.Dicom.Network;

/// <summary>A DIMSE status (PS3.7 Annex C) with an optional error comment sent with failures.</summary>
public readonly record struct DicomStatus(ushort Code, string? ErrorComment = null)
{
    public static DicomStatus Success { get; } = new(0x0000);

    /// <summary>Storage failure: out of resources (disk full, cannot write).</summary>
    public static DicomStatus OutOfResources { get; } = new(0xA700);

    /// <summary>Storage failure: the data set does not match the SOP class.</summary>
    public static DicomStatus DataSetDoesNotMatchSopClass { get; } = new(0xA900);

    /// <summary>Storage failure: cannot understand (the data set cannot be parsed or breaks a limit).</summary>
    public static DicomStatus CannotUnderstand { get; } = new(0xC000);

    public static DicomStatus SopClassNotSupported { get; } = new(0x0122);

    public static DicomStatus ProcessingFailure { get; } = new(0x0110);

    public static DicomStatus DuplicateSopInstance { get; } = new(0x0111);

    public static DicomStatus UnrecognizedOperation { get; } = new(0x0211);

    public static DicomStatus InvalidArgumentValue { get; } = new(0x0115);

    public bool IsSuccess => Code == 0x0000;

    /// <summary>Warnings: the operation completed, with a remark (PS3.4 Table B.2-1: B000, B007, B006 for storage).</summary>
    public bool IsWarning => Code is 0x0001 or 0x0107 or 0x0116 or (>= 0xB000 and <= 0xBFFF);

    /// <summary>Pending statuses of multi-response operations (C-FIND, C-MOVE).</summary>
    public bool IsPending => Code is 0xFF00 or 0xFF01;

    public bool IsFailure => !IsSuccess && !IsWarning && !IsPending && Code != 0xFE00;

    public DicomStatus WithComment(string comment) => this with { ErrorComment = comment };

    public override string ToString()
    {
        string code = "0x" + Code.ToString("X4", CultureInfo.InvariantCulture);
        string name = Code switch
        {
            0x0000 => "success",
            0xA700 => "out of resources",
            0xA900 => "data set does not match SOP class",
            0xC000 => "cannot understand",
            0x0122 => "SOP class not supported",
            0x0110 => "processing failure",
            0x0111 => "duplicate SOP instance",
            0x0115 => "invalid argument value",
            0x0211 => "unrecognized operation",
            _ when IsWarning => "warning",
            _ => "failure",
        };
        return ErrorComment is null ? $"{code} ({name})" : $"{code} ({name}: {ErrorComment})";
    }
}
