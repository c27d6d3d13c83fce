namespace NoduleScope.Imaging.IO;

/// <summary>Volume file formats, as recognised from the file name by <see cref="VolumeFile.DetectFormat"/>.</summary>
public enum VolumeFileFormat
{
    /// <summary>NIfTI-1 single file, .nii.</summary>
    Nifti,

    /// <summary>Gzip-compressed NIfTI-1, .nii.gz.</summary>
    NiftiGzip,

    /// <summary>MetaImage header with a separate data file, .mhd.</summary>
    MetaImage,

    /// <summary>MetaImage with the data in the same file, .mha.</summary>
    MetaImageSingleFile,
}
