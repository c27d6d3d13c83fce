namespace NoduleScope.Cli.Tests.Review;

/// <summary>The review tests share one <see cref="ReviewDemo"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ReviewDemoCollection : ICollectionFixture<ReviewDemo>
{
    public const string Name = "review demo";
}
