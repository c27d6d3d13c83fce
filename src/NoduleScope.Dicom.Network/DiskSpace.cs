namespace NoduleScope.Dicom.Network;

/// <summary>Free space of the file system holding a folder.</summary>
public static class DiskSpace
{
    /// <summary>Bytes available to this process on the file system of <paramref name="path"/> (which must exist).</summary>
    public static long Available(string path) => new DriveInfo(Path.GetFullPath(path)).AvailableFreeSpace;
}
