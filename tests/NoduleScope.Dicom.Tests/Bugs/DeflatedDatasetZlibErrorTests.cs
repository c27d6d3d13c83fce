namespace NoduleScope.Dicom.Tests.Bugs;

/// <summary>
/// Found by afl-fuzz (target `dicom-reader`, 2026-11-27): a deflated data set whose stream zlib rejects with its own
/// ZLibException (an IOException, not InvalidDataException) escaped the reader untyped.
/// </summary>
public sealed class DeflatedDatasetZlibErrorTests
{
    [Fact]
    public void ACorruptDeflatedDatasetIsAFormatErrorNamingTheFile()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Bugs", "Files", "fuzz-deflated-dataset-zlib-error.dcm");

        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Open(path));

        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains("fuzz-deflated-dataset-zlib-error.dcm", error.Message, StringComparison.Ordinal);
    }
}
