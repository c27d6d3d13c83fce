namespace NoduleScope.Imaging.IO;

/// <summary>A volume file (NIfTI, MetaImage) is malformed, unsupported or breaks a <see cref="VolumeReadOptions"/> limit.</summary>
public class VolumeFormatException : Exception
{
    public VolumeFormatException(string filePath, string reason, Exception? inner = null)
        : base($"{filePath}: {reason}", inner)
    {
        FilePath = filePath;
        Reason = reason;
    }

    public string FilePath { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Reason { get; }
}
