namespace NoduleScope.Imaging.IO;

/// <summary>Stored voxel types that can be read into Hounsfield units.</summary>
internal enum VoxelElementType
{
    UInt8,
    Int8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Float32,
    Float64,
}
