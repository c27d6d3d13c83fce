namespace NoduleScope.Dicom;

/// <summary>
/// The Image Pixel module values that describe one frame, validated (hardening rules 3 and 4): every size is computed
/// with checked 64-bit arithmetic and compared with the configured limits before anything is allocated.
/// </summary>
public sealed record PixelDescription
{
    public required int Rows { get; init; }

    public required int Columns { get; init; }

    public int SamplesPerPixel { get; init; } = 1;

    /// <summary>1, 8, 16, 32 or 64.</summary>
    public required int BitsAllocated { get; init; }

    public required int BitsStored { get; init; }

    public required int HighBit { get; init; }

    /// <summary>0 = unsigned, 1 = two's complement.</summary>
    public int PixelRepresentation { get; init; }

    public string PhotometricInterpretation { get; init; } = "MONOCHROME2";

    /// <summary>0 = color-by-pixel (interleaved), 1 = color-by-plane.</summary>
    public int PlanarConfiguration { get; init; }

    public int NumberOfFrames { get; init; } = 1;

    public bool IsSigned => PixelRepresentation == 1;

    /// <summary>False when the stored bits do not sit at the bottom (HighBit ≠ BitsStored − 1): legal but unusual, worth flagging.</summary>
    public bool IsHighBitStandard => HighBit == BitsStored - 1;

    public long PixelsPerFrame => (long)Rows * Columns;

    /// <summary>Bytes of one uncompressed frame (bits packed for BitsAllocated = 1).</summary>
    public long FrameLengthBytes
    {
        get
        {
            long samples = checked(PixelsPerFrame * SamplesPerPixel);
            return BitsAllocated == 1 ? (samples + 7) / 8 : checked(samples * (BitsAllocated / 8));
        }
    }

    /// <summary>Bytes of one frame as stored natively: YBR_FULL_422 keeps two samples per pixel (PS3.3 C.7.6.3.1.2).</summary>
    public long NativeFrameLengthBytes => PhotometricInterpretation == "YBR_FULL_422" && SamplesPerPixel == 3 && BitsAllocated >= 8
        ? checked(PixelsPerFrame * 2 * (BitsAllocated / 8))
        : FrameLengthBytes;

    /// <summary>Bytes of all frames of native (uncompressed) pixel data. Single-bit frames are packed across frame
    /// boundaries, so the total is not frames × frame length for them.</summary>
    public long TotalLengthBytes
    {
        get
        {
            if (BitsAllocated == 1)
            {
                long bits = checked(PixelsPerFrame * SamplesPerPixel * NumberOfFrames);
                return (bits + 7) / 8;
            }

            return checked(NativeFrameLengthBytes * NumberOfFrames);
        }
    }

    /// <summary>Reads and validates the pixel description of <paramref name="dataset"/>.</summary>
    /// <exception cref="DicomFormatException">when a value is missing, inconsistent or past a limit.</exception>
    public static PixelDescription FromDataset(DicomDataset dataset, DicomReadOptions? options = null, string? filePath = null)
    {
        options ??= DicomReadOptions.Default;
        int rows = Required(dataset, DicomTags.Rows, filePath);
        int columns = Required(dataset, DicomTags.Columns, filePath);
        int bitsAllocated = Required(dataset, DicomTags.BitsAllocated, filePath);
        int bitsStored = dataset.TryGetInt32(DicomTags.BitsStored, out int bs) ? bs : bitsAllocated;
        int highBit = dataset.TryGetInt32(DicomTags.HighBit, out int hb) ? hb : bitsStored - 1;
        int spp = dataset.TryGetInt32(DicomTags.SamplesPerPixel, out int s) ? s : 1;
        int pr = dataset.TryGetInt32(DicomTags.PixelRepresentation, out int p) ? p : 0;
        int planar = dataset.TryGetInt32(DicomTags.PlanarConfiguration, out int pc) ? pc : 0;
        int frames = 1;
        if (dataset.TryGetString(DicomTags.NumberOfFrames, out string? nf) && !string.IsNullOrWhiteSpace(nf))
        {
            if (!int.TryParse(nf.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out frames) || frames < 1)
            {
                throw new DicomFormatException($"NumberOfFrames '{nf}' is not a positive integer", filePath);
            }
        }

        string photometric = dataset.GetString(DicomTags.PhotometricInterpretation)?.Trim() ?? (spp == 1 ? "MONOCHROME2" : "RGB");

        var description = new PixelDescription
        {
            Rows = rows,
            Columns = columns,
            SamplesPerPixel = spp,
            BitsAllocated = bitsAllocated,
            BitsStored = bitsStored,
            HighBit = highBit,
            PixelRepresentation = pr,
            PhotometricInterpretation = photometric,
            PlanarConfiguration = planar,
            NumberOfFrames = frames,
        };
        description.Validate(options, filePath);
        return description;
    }

    /// <summary>Checks the values against each other and against the limits in <paramref name="options"/>.</summary>
    public void Validate(DicomReadOptions options, string? filePath = null)
    {
        if (Rows <= 0 || Columns <= 0)
        {
            throw new DicomFormatException($"image size {Rows}x{Columns} is not positive", filePath);
        }

        if (BitsAllocated is not (1 or 8 or 16 or 32 or 64))
        {
            throw new DicomFormatException($"BitsAllocated {BitsAllocated} is not 1, 8, 16, 32 or 64", filePath);
        }

        if (BitsStored < 1 || BitsStored > BitsAllocated)
        {
            throw new DicomFormatException($"BitsStored {BitsStored} is not within 1..BitsAllocated ({BitsAllocated})", filePath);
        }

        if (HighBit < BitsStored - 1 || HighBit >= BitsAllocated)
        {
            throw new DicomFormatException($"HighBit {HighBit} is inconsistent with BitsStored {BitsStored} and BitsAllocated {BitsAllocated}", filePath);
        }

        if (PixelRepresentation is not (0 or 1))
        {
            throw new DicomFormatException($"PixelRepresentation {PixelRepresentation} is not 0 or 1", filePath);
        }

        if (SamplesPerPixel is not (1 or 3 or 4))
        {
            throw new DicomFormatException($"SamplesPerPixel {SamplesPerPixel} is not 1, 3 or 4", filePath);
        }

        if (PlanarConfiguration is not (0 or 1))
        {
            throw new DicomFormatException($"PlanarConfiguration {PlanarConfiguration} is not 0 or 1", filePath);
        }

        if (PixelsPerFrame > options.MaxPixelsPerFrame)
        {
            throw new DicomLimitExceededException($"frame of {Rows}x{Columns} pixels exceeds the limit of {options.MaxPixelsPerFrame} pixels", filePath);
        }

        long total;
        try
        {
            total = TotalLengthBytes;
        }
        catch (OverflowException)
        {
            throw new DicomLimitExceededException($"pixel data size {Rows}x{Columns}x{SamplesPerPixel}x{BitsAllocated} bits x {NumberOfFrames} frames overflows", filePath);
        }

        if (total > options.MaxPixelDataBytes)
        {
            throw new DicomLimitExceededException($"pixel data of {total} bytes exceeds the limit of {options.MaxPixelDataBytes} bytes", filePath);
        }
    }

    private static int Required(DicomDataset dataset, DicomTag tag, string? filePath) =>
        dataset.TryGetInt32(tag, out int value)
            ? value
            : throw new DicomFormatException($"required pixel attribute {DicomDictionary.Describe(tag)} is missing or not a number", filePath);
}
