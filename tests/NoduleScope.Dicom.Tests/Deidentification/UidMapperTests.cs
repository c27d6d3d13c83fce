using NoduleScope.Dicom.Deidentification;

namespace NoduleScope.Dicom.Tests.Deidentification;

public sealed class UidMapperTests
{
    private static readonly byte[] KeyA = "site-key-A-0123456789"u8.ToArray();
    private static readonly byte[] KeyB = "site-key-B-0123456789"u8.ToArray();

    [Fact]
    public void SameUidAndKeyGiveTheSameValidUid()
    {
        string a = new UidMapper(KeyA).Map("1.2.840.113619.2.55.3.604688119.969.1268071029.320");
        Assert.Equal(a, new UidMapper(KeyA).Map("1.2.840.113619.2.55.3.604688119.969.1268071029.320"));
        Assert.StartsWith("2.25.", a);
        Assert.True(DicomUid.IsValid(a), a);
        Assert.True(a.Length <= 64);
    }

    [Fact]
    public void PaddingDoesNotChangeTheMapping()
    {
        var mapper = new UidMapper(KeyA);
        Assert.Equal(mapper.Map("1.2.3"), mapper.Map("1.2.3\0"));
        Assert.Equal(string.Empty, mapper.Map("\0"));
    }

    [Fact]
    public void AnotherKeyOrUidGivesAnotherUid()
    {
        Assert.NotEqual(new UidMapper(KeyA).Map("1.2.3"), new UidMapper(KeyB).Map("1.2.3"));
        Assert.NotEqual(new UidMapper(KeyA).Map("1.2.3"), new UidMapper(KeyA).Map("1.2.4"));
    }

    [Fact]
    public void MapsEveryValueOfAMultiValuedUid()
    {
        var mapper = new UidMapper(KeyA);
        Assert.Equal(mapper.Map("1.2") + "\\" + mapper.Map("3.4"), mapper.MapAll("1.2\\3.4\0"));
    }

    [Fact]
    public void ShortKeysAreRefused() => Assert.Throws<ArgumentException>(() => new UidMapper(new byte[15]));
}
