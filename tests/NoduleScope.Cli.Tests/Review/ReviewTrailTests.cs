using NoduleScope.Cli.Review;
using NoduleScope.Pipeline.Review;
using NoduleScope.Service.Review;

namespace NoduleScope.Cli.Tests.Review;

public sealed class ReviewTrailTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheLastAcceptOrRejectDecidesAndAnEditKeepsTheStatus()
    {
        ReviewAction[] actions =
        [
            new() { FindingId = 1, Action = "reject", User = "a", Time = T0 },
            new() { FindingId = 1, Action = "accept", User = "b", Time = T0.AddMinutes(1) },
            new() { FindingId = 1, Action = "edit", User = "b", Time = T0.AddMinutes(2), LongAxisMm = 9, ShortAxisMm = 7 },
            new() { FindingId = 3, Action = "reject", User = "a", Time = T0 },
        ];

        var decisions = ReviewTrail.Decisions(actions);

        Assert.Equal(2, decisions.Count);
        Assert.Equal("accept", decisions[1].Status);
        Assert.Equal(9, decisions[1].LongAxisMm);
        Assert.Equal(7, decisions[1].ShortAxisMm);
        Assert.Equal("reject", decisions[3].Status);
        Assert.Null(decisions[3].LongAxisMm);
    }

    [Fact]
    public void AppendedActionsAreReadBackFromReviewJson()
    {
        using var temp = new TestFolder();
        var trail = ReviewTrail.Open(Path.Combine(temp.Path, ReviewTrail.FileName));
        trail.Append(new ReviewAction { FindingId = 2, Action = "accept", User = "dr.x", Time = T0 });
        trail.Append(new ReviewAction { FindingId = 4, Action = "reject", User = "dr.y", Time = T0.AddSeconds(5) });

        var reopened = ReviewTrail.Open(Path.Combine(temp.Path, ReviewTrail.FileName));

        Assert.Equal(trail.Actions, reopened.Actions);
        Assert.Contains("\"schema\": \"nodulescope.review/0.1\"", File.ReadAllText(temp[ReviewTrail.FileName]), StringComparison.Ordinal);
        Assert.False(File.Exists(temp[ReviewTrail.FileName] + ".tmp"));
    }
}
