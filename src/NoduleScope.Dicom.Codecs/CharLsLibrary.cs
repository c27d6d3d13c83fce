using System.Runtime.InteropServices;

namespace NoduleScope.Dicom.Codecs;

/// <summary>The CharLS 2.x C decoder API, bound through function pointers so a missing library is detected, not thrown.</summary>
internal sealed unsafe class CharLsLibrary
{
    public const string DefaultLibraryName = "libcharls.so.2";
    public const string PackageHint = "install the Debian package libcharls2";

    private readonly delegate* unmanaged[Cdecl]<IntPtr> create;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, void> destroy;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int> setSourceBuffer;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, int> readHeader;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, CharLsFrameInfo*, int> getFrameInfo;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, int*, int> getInterleaveMode;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, uint, nuint*, int> getDestinationSize;
    private readonly delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, uint, int> decodeToBuffer;
    private readonly delegate* unmanaged[Cdecl]<int, byte*> getErrorMessage;

    private CharLsLibrary(NativeLibraryHandle library, ref string? reason)
    {
        create = (delegate* unmanaged[Cdecl]<IntPtr>)library.GetExport("charls_jpegls_decoder_create", PackageHint, ref reason);
        destroy = (delegate* unmanaged[Cdecl]<IntPtr, void>)library.GetExport("charls_jpegls_decoder_destroy", PackageHint, ref reason);
        setSourceBuffer = (delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int>)library.GetExport("charls_jpegls_decoder_set_source_buffer", PackageHint, ref reason);
        readHeader = (delegate* unmanaged[Cdecl]<IntPtr, int>)library.GetExport("charls_jpegls_decoder_read_header", PackageHint, ref reason);
        getFrameInfo = (delegate* unmanaged[Cdecl]<IntPtr, CharLsFrameInfo*, int>)library.GetExport("charls_jpegls_decoder_get_frame_info", PackageHint, ref reason);
        getInterleaveMode = (delegate* unmanaged[Cdecl]<IntPtr, int*, int>)library.GetExport("charls_jpegls_decoder_get_interleave_mode", PackageHint, ref reason);
        getDestinationSize = (delegate* unmanaged[Cdecl]<IntPtr, uint, nuint*, int>)library.GetExport("charls_jpegls_decoder_get_destination_size", PackageHint, ref reason);
        decodeToBuffer = (delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, uint, int>)library.GetExport("charls_jpegls_decoder_decode_to_buffer", PackageHint, ref reason);
        getErrorMessage = (delegate* unmanaged[Cdecl]<int, byte*>)library.GetExport("charls_get_error_message", PackageHint, ref reason);
    }

    public static NativeLibraryLoad<CharLsLibrary> Load(string libraryName)
    {
        var handle = NativeLibraryHandle.TryOpen(libraryName, PackageHint, out string? reason);
        if (handle is null)
        {
            return new NativeLibraryLoad<CharLsLibrary>(null, reason);
        }

        var library = new CharLsLibrary(handle, ref reason);
        if (reason is not null)
        {
            handle.Release();
            return new NativeLibraryLoad<CharLsLibrary>(null, reason);
        }

        return new NativeLibraryLoad<CharLsLibrary>(library, null);
    }

    public IntPtr CreateDecoder() => create();

    public void DestroyDecoder(IntPtr decoder) => destroy(decoder);

    public int SetSourceBuffer(IntPtr decoder, byte* source, nuint length) => setSourceBuffer(decoder, source, length);

    public int ReadHeader(IntPtr decoder) => readHeader(decoder);

    public int GetFrameInfo(IntPtr decoder, CharLsFrameInfo* info) => getFrameInfo(decoder, info);

    public int GetInterleaveMode(IntPtr decoder, int* mode) => getInterleaveMode(decoder, mode);

    public int GetDestinationSize(IntPtr decoder, uint stride, nuint* size) => getDestinationSize(decoder, stride, size);

    public int DecodeToBuffer(IntPtr decoder, byte* destination, nuint length, uint stride) => decodeToBuffer(decoder, destination, length, stride);

    public string ErrorMessage(int error)
    {
        byte* message = getErrorMessage(error);
        return message is null ? "unknown error" : Marshal.PtrToStringUTF8((IntPtr)message) ?? "unknown error";
    }
}
