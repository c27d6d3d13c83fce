using System.Runtime.InteropServices;

namespace NoduleScope.Dicom.Codecs;

/// <summary>A native library opened once for the life of the process, whose exports are looked up by name.</summary>
internal sealed class NativeLibraryHandle
{
    private readonly IntPtr handle;

    private NativeLibraryHandle(string libraryName, IntPtr handle)
    {
        LibraryName = libraryName;
        this.handle = handle;
    }

    public string LibraryName { get; }

    /// <summary>Opens <paramref name="libraryName"/>; on failure <paramref name="reason"/> says which package to install.</summary>
    public static NativeLibraryHandle? TryOpen(string libraryName, string packageHint, out string? reason)
    {
        if (NativeLibrary.TryLoad(libraryName, out IntPtr handle))
        {
            reason = null;
            return new NativeLibraryHandle(libraryName, handle);
        }

        reason = $"{libraryName} not found: {packageHint}";
        return null;
    }

    /// <summary>Unloads the library; only for a library none of whose exports is in use.</summary>
    public void Release() => NativeLibrary.Free(handle);

    /// <summary>The address of <paramref name="exportName"/>, or zero with <paramref name="reason"/> set when missing.</summary>
    public IntPtr GetExport(string exportName, string packageHint, ref string? reason)
    {
        if (NativeLibrary.TryGetExport(handle, exportName, out IntPtr address))
        {
            return address;
        }

        reason ??= $"{LibraryName} has no entry point {exportName} (too old?): {packageHint}";
        return IntPtr.Zero;
    }
}
