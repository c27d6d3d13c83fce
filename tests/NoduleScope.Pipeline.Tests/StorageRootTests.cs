using NoduleScope.Pipeline.Storage;

namespace NoduleScope.Pipeline.Tests;

/// <summary>Recorded paths can never leave the storage root (hardening rule 7).</summary>
public sealed class StorageRootTests : IDisposable
{
    private readonly TestFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData("../outside.dcm")]
    [InlineData("instances/../../outside.dcm")]
    [InlineData("/etc/passwd")]
    [InlineData("instances//a.dcm")]
    [InlineData("./instances/a.dcm")]
    [InlineData("instances\\..\\..\\x")]
    public void Paths_that_climb_out_or_are_rooted_are_refused(string relative)
    {
        var root = new StorageRoot(folder.Path);
        Assert.Throws<ArgumentException>(() => root.Resolve(relative));
    }

    [Fact]
    public void Relative_and_resolve_round_trip_inside_the_root()
    {
        var root = new StorageRoot(folder.Path);
        string full = root.Resolve("instances/ab/abcdef.dcm");
        Assert.StartsWith(root.FullPath + Path.DirectorySeparatorChar, full, StringComparison.Ordinal);
        Assert.Equal("instances/ab/abcdef.dcm", root.Relative(full));
        Assert.Throws<ArgumentException>(() => root.Relative(Path.GetTempPath()));
    }

    [Fact]
    public void A_result_folder_is_fresh_per_attempt_and_named_only_from_the_generated_job_id()
    {
        var root = new StorageRoot(folder.Path);
        string first = root.NewResultFolder("0123abcd", 1);
        File.WriteAllText(Path.Combine(first, "partial.json"), "{");
        Assert.Empty(Directory.GetFiles(root.NewResultFolder("0123abcd", 1)));
        Assert.Throws<ArgumentException>(() => root.NewResultFolder("../x", 1));
        Assert.Throws<ArgumentException>(() => root.NewResultFolder("1.2.840.1", 1));
    }
}
