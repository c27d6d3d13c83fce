using System.Buffers;
using NoduleScope.Dicom;

namespace NoduleScope.Imaging.Series;

/// <summary>
/// Builds a <see cref="CtVolume"/> from a series: geometry from <see cref="SeriesGeometry"/>, pixels decoded in parallel
/// straight into the volume buffer (one file read at a time per thread, so peak memory stays near the volume's size).
/// </summary>
public sealed class SeriesAssembler
{
    private readonly PixelCodecRegistry codecs;
    private readonly AssemblyOptions options;

    public SeriesAssembler(PixelCodecRegistry codecs, AssemblyOptions? options = null)
    {
        this.codecs = codecs;
        this.options = options ?? new AssemblyOptions();
    }

    /// <exception cref="SeriesAssemblyException">the series does not form one consistent volume.</exception>
    /// <exception cref="DicomException">an instance cannot be read or decoded (names the file).</exception>
    public AssembledSeries Assemble(SeriesInfo series, IProgress<int>? slicesDone = null, CancellationToken cancellationToken = default)
    {
        var geometry = SeriesGeometry.Analyze(series, options);
        if (geometry.Problem is not null)
        {
            throw new SeriesAssemblyException($"series {series.SeriesInstanceUid}: {geometry.Problem}");
        }

        long voxels = (long)geometry.Columns * geometry.Rows * geometry.SliceCount;
        if (geometry.Columns <= 0 || geometry.Rows <= 0 || geometry.SliceCount <= 0 || voxels > options.MaxVoxels)
        {
            throw new SeriesAssemblyException($"series {series.SeriesInstanceUid} ({series.First.Source.DisplayName}): {geometry.Columns} x {geometry.Rows} x {geometry.SliceCount} voxels is outside the accepted size (at most {options.MaxVoxels} voxels, AssemblyOptions.MaxVoxels)");
        }

        RequireStoredDataCanHoldFrames(series, geometry);
        var volume = new CtVolume(geometry.Columns, geometry.Rows, geometry.SliceCount, geometry.Spacing, geometry.Origin, geometry.DirectionX, geometry.DirectionY, geometry.DirectionZ)
        {
            Source = BuildSource(series, geometry),
        };

        // Group slices by instance so each file is read once.
        var byInstance = new Dictionary<InstanceHeader, List<(int Frame, int Z)>>(ReferenceEqualityComparer.Instance);
        for (int z = 0; z < geometry.Slices.Count; z++)
        {
            var s = geometry.Slices[z];
            if (!byInstance.TryGetValue(s.Instance, out var list))
            {
                byInstance[s.Instance] = list = [];
            }

            list.Add((s.Frame, z));
        }

        try
        {
            Decode(volume, byInstance, slicesDone, cancellationToken);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Report the first failing file as itself, not wrapped by the parallel loop.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return new AssembledSeries(volume, geometry.Warnings);
    }

    /// <summary>
    /// Refuses, before the volume is allocated, an instance whose file is too small to hold its declared frames in its
    /// transfer syntax (CompressedFrameLimits for RLE, deflate and lossless JPEG; the frame size for native data). Zip
    /// entries are left to the per-frame check.
    /// </summary>
    private static void RequireStoredDataCanHoldFrames(SeriesInfo series, SeriesGeometry geometry)
    {
        var frames = new Dictionary<InstanceHeader, int>(ReferenceEqualityComparer.Instance);
        foreach (var slice in geometry.Slices)
        {
            frames[slice.Instance] = frames.GetValueOrDefault(slice.Instance) + 1;
        }

        foreach (var (instance, count) in frames)
        {
            if (instance.Source.ZipEntry is not null || !File.Exists(instance.Source.FilePath))
            {
                continue;
            }

            long stored = new FileInfo(instance.Source.FilePath).Length;
            // At least one byte a pixel (8-bit CT exists); the exact size is checked per frame when decoding.
            long declared = (long)instance.Rows * instance.Columns * count;
            // A deflated data set (the whole file inflated, native pixels inside) is bounded like a deflated frame.
            bool fits = instance.TransferSyntax.IsEncapsulated ? CompressedFrameLimits.CanHold(instance.TransferSyntax, stored, declared)
                : instance.TransferSyntax.IsDeflated ? CompressedFrameLimits.CanHold(DicomTransferSyntax.DeflatedImageFrameCompression, stored, declared)
                : stored >= declared;
            if (!fits)
            {
                throw new SeriesAssemblyException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"series {series.SeriesInstanceUid} ({instance.Source.DisplayName}): {count} frame(s) of {instance.Columns} x {instance.Rows} pixels cannot be stored in its {stored} bytes of {instance.TransferSyntax.Name}"));
            }
        }
    }

    private void Decode(CtVolume volume, Dictionary<InstanceHeader, List<(int Frame, int Z)>> byInstance, IProgress<int>? slicesDone, CancellationToken cancellationToken)
    {
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelism, CancellationToken = cancellationToken };
        var work = byInstance.ToArray();
        if (work.Length == 1)
        {
            var (instance, frames) = work[0];
            using var file = instance.Source.ReadPooled();
            var pixels = CheckPixels(file.File, instance);
            Parallel.ForEach(frames, parallel, f =>
            {
                DecodeInto(pixels, instance, f.Frame, volume.Slice(f.Z));
                slicesDone?.Report(Interlocked.Increment(ref done));
            });
        }
        else
        {
            Parallel.ForEach(work, parallel, entry =>
            {
                using var file = entry.Key.Source.ReadPooled();
                var pixels = CheckPixels(file.File, entry.Key);
                foreach (var f in entry.Value)
                {
                    DecodeInto(pixels, entry.Key, f.Frame, volume.Slice(f.Z));
                    slicesDone?.Report(Interlocked.Increment(ref done));
                }
            });
        }
    }

    private static DicomPixelData CheckPixels(DicomFile file, InstanceHeader instance)
    {
        var pixels = DicomPixelData.Create(file.Dataset, file.TransferSyntax, instance.Source.DisplayName);
        var d = pixels.Description;
        if (d.SamplesPerPixel != 1)
        {
            throw new DicomNotSupportedException($"{instance.Source.DisplayName}: {d.PhotometricInterpretation} image with {d.SamplesPerPixel} samples per pixel is not a grayscale CT image");
        }

        if (d.BitsAllocated is not (8 or 16 or 32))
        {
            throw new DicomNotSupportedException($"{instance.Source.DisplayName}: {d.BitsAllocated}-bit pixels are not supported for CT volumes");
        }

        if (d.Rows != instance.Rows || d.Columns != instance.Columns)
        {
            throw new DicomFormatException($"image size {d.Rows}x{d.Columns} differs from the header scan", instance.Source.DisplayName);
        }

        return pixels;
    }

    private void DecodeInto(DicomPixelData pixels, InstanceHeader instance, int frame, Span<short> slice)
    {
        int length = (int)pixels.Description.FrameLengthBytes;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            pixels.DecodeFrame(frame, codecs, buffer.AsSpan(0, length));
            HounsfieldConverter.Convert(buffer.AsSpan(0, length), pixels.Description, instance.RescaleSlope, instance.RescaleIntercept, instance.PixelPaddingValue, options.PaddingToAir, slice);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static VolumeSource BuildSource(SeriesInfo series, SeriesGeometry geometry)
    {
        var sops = new List<string>(geometry.Slices.Count);
        foreach (var s in geometry.Slices)
        {
            sops.Add(s.Instance.SopInstanceUid);
        }

        var first = series.First;
        return new VolumeSource
        {
            Path = first.Source.FilePath,
            PatientId = first.PatientId,
            PatientAge = first.PatientAge.Length > 0 ? first.PatientAge : null,
            PatientSex = first.PatientSex.Length > 0 ? first.PatientSex : null,
            StudyInstanceUid = first.StudyInstanceUid,
            StudyDate = first.StudyDate.Length > 0 ? first.StudyDate : null,
            SeriesInstanceUid = first.SeriesInstanceUid,
            FrameOfReferenceUid = first.FrameOfReferenceUid,
            SeriesDescription = first.SeriesDescription,
            SopInstanceUids = sops,
        };
    }
}
