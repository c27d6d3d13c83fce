namespace NoduleScope.Dicom.Codecs;

/// <summary>The OpenJPEG 2.x decoder API, bound through function pointers so a missing library is detected, not thrown.</summary>
internal sealed unsafe class OpenJpegLibrary
{
    public const string DefaultLibraryName = "libopenjp2.so.7";
    public const string PackageHint = "install the Debian package libopenjp2-7";

    /// <summary>OPJ_CODEC_J2K: a raw codestream.</summary>
    public const int FormatCodestream = 0;

    /// <summary>OPJ_CODEC_JP2: the JP2 box format.</summary>
    public const int FormatJp2 = 2;

    /// <summary>Room for opj_dparameters_t (8,256 bytes in 2.5 on 64-bit), with margin for other 2.x builds.</summary>
    public const int DecoderParametersSize = 16384;

    private readonly delegate* unmanaged[Cdecl]<int, IntPtr> createDecompress;
    private readonly delegate* unmanaged[Cdecl]<void*, void> setDefaultDecoderParameters;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, void*, int> setupDecoder;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<byte*, void*, void>, void*, int> setErrorHandler;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<byte*, void*, void>, void*, int> setWarningHandler;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<byte*, void*, void>, void*, int> setInfoHandler;
    private readonly delegate* unmanaged[Cdecl]<nuint, int, IntPtr> streamCreate;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<void*, nuint, void*, nuint>, void> streamSetReadFunction;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<long, void*, long>, void> streamSetSkipFunction;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<long, void*, int>, void> streamSetSeekFunction;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, void*, delegate* unmanaged[Cdecl]<void*, void>, void> streamSetUserData;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, ulong, void> streamSetUserDataLength;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, OpenJpegImage**, int> readHeader;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, OpenJpegImage*, int> decode;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int> endDecompress;
    private readonly delegate* unmanaged[Cdecl]<OpenJpegImage*, void> imageDestroy;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, void> streamDestroy;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, void> destroyCodec;

    private OpenJpegLibrary(NativeLibraryHandle library, ref string? reason)
    {
        createDecompress = (delegate* unmanaged[Cdecl]<int, IntPtr>)library.GetExport("opj_create_decompress", PackageHint, ref reason);
        setDefaultDecoderParameters = (delegate* unmanaged[Cdecl]<void*, void>)library.GetExport("opj_set_default_decoder_parameters", PackageHint, ref reason);
        setupDecoder = (delegate* unmanaged[Cdecl]<IntPtr, void*, int>)library.GetExport("opj_setup_decoder", PackageHint, ref reason);
        setErrorHandler = (delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<byte*, void*, void>, void*, int>)library.GetExport("opj_set_error_handler", PackageHint, ref reason);
        setWarningHandler = (delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<byte*, void*, void>, void*, int>)library.GetExport("opj_set_warning_handler", PackageHint, ref reason);
        setInfoHandler = (delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<byte*, void*, void>, void*, int>)library.GetExport("opj_set_info_handler", PackageHint, ref reason);
        streamCreate = (delegate* unmanaged[Cdecl]<nuint, int, IntPtr>)library.GetExport("opj_stream_create", PackageHint, ref reason);
        streamSetReadFunction = (delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<void*, nuint, void*, nuint>, void>)library.GetExport("opj_stream_set_read_function", PackageHint, ref reason);
        streamSetSkipFunction = (delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<long, void*, long>, void>)library.GetExport("opj_stream_set_skip_function", PackageHint, ref reason);
        streamSetSeekFunction = (delegate* unmanaged[Cdecl]<IntPtr, delegate* unmanaged[Cdecl]<long, void*, int>, void>)library.GetExport("opj_stream_set_seek_function", PackageHint, ref reason);
        streamSetUserData = (delegate* unmanaged[Cdecl]<IntPtr, void*, delegate* unmanaged[Cdecl]<void*, void>, void>)library.GetExport("opj_stream_set_user_data", PackageHint, ref reason);
        streamSetUserDataLength = (delegate* unmanaged[Cdecl]<IntPtr, ulong, void>)library.GetExport("opj_stream_set_user_data_length", PackageHint, ref reason);
        readHeader = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, OpenJpegImage**, int>)library.GetExport("opj_read_header", PackageHint, ref reason);
        decode = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, OpenJpegImage*, int>)library.GetExport("opj_decode", PackageHint, ref reason);
        endDecompress = (delegate* unmanaged[Cdecl]<IntPtr, IntPtr, int>)library.GetExport("opj_end_decompress", PackageHint, ref reason);
        imageDestroy = (delegate* unmanaged[Cdecl]<OpenJpegImage*, void>)library.GetExport("opj_image_destroy", PackageHint, ref reason);
        streamDestroy = (delegate* unmanaged[Cdecl]<IntPtr, void>)library.GetExport("opj_stream_destroy", PackageHint, ref reason);
        destroyCodec = (delegate* unmanaged[Cdecl]<IntPtr, void>)library.GetExport("opj_destroy_codec", PackageHint, ref reason);
    }

    public static NativeLibraryLoad<OpenJpegLibrary> Load(string libraryName)
    {
        var handle = NativeLibraryHandle.TryOpen(libraryName, PackageHint, out string? reason);
        if (handle is null)
        {
            return new NativeLibraryLoad<OpenJpegLibrary>(null, reason);
        }

        var library = new OpenJpegLibrary(handle, ref reason);
        if (reason is not null)
        {
            handle.Release();
            return new NativeLibraryLoad<OpenJpegLibrary>(null, reason);
        }

        return new NativeLibraryLoad<OpenJpegLibrary>(library, null);
    }

    public IntPtr CreateDecompress(int format) => createDecompress(format);

    public void SetDefaultDecoderParameters(void* parameters) => setDefaultDecoderParameters(parameters);

    public bool SetupDecoder(IntPtr codec, void* parameters) => setupDecoder(codec, parameters) != 0;

    /// <summary>Routes errors into <paramref name="errors"/> and silences warnings and information.</summary>
    public void InstallHandlers(IntPtr codec, OpenJpegErrorBuffer* errors)
    {
        setErrorHandler(codec, &OpenJpegErrorBuffer.OnError, errors);
        setWarningHandler(codec, &OpenJpegErrorBuffer.Ignore, null);
        setInfoHandler(codec, &OpenJpegErrorBuffer.Ignore, null);
    }

    /// <summary>An input stream over <paramref name="source"/>, which must stay pinned until the stream is destroyed.</summary>
    public IntPtr CreateMemoryStream(OpenJpegMemorySource* source, nuint chunkSize)
    {
        IntPtr stream = streamCreate(chunkSize, 1);
        if (stream == IntPtr.Zero)
        {
            return IntPtr.Zero;
        }

        streamSetReadFunction(stream, &OpenJpegMemorySource.Read);
        streamSetSkipFunction(stream, &OpenJpegMemorySource.Skip);
        streamSetSeekFunction(stream, &OpenJpegMemorySource.Seek);
        streamSetUserData(stream, source, null);
        streamSetUserDataLength(stream, (ulong)source->Length);
        return stream;
    }

    public bool ReadHeader(IntPtr stream, IntPtr codec, OpenJpegImage** image) => readHeader(stream, codec, image) != 0;

    public bool Decode(IntPtr codec, IntPtr stream, OpenJpegImage* image) => decode(codec, stream, image) != 0;

    public bool EndDecompress(IntPtr codec, IntPtr stream) => endDecompress(codec, stream) != 0;

    public void DestroyImage(OpenJpegImage* image) => imageDestroy(image);

    public void DestroyStream(IntPtr stream) => streamDestroy(stream);

    public void DestroyCodec(IntPtr codec) => destroyCodec(codec);
}
