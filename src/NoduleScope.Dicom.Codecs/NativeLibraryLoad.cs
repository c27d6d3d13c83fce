namespace NoduleScope.Dicom.Codecs;

/// <summary>The outcome of probing a native codec library: the bound library, or why it could not be bound.</summary>
internal sealed record NativeLibraryLoad<TLibrary>(TLibrary? Library, string? UnavailableReason)
    where TLibrary : class;
