using NoduleScope.Clinical.Comparison;

namespace NoduleScope.Clinical.Tests.Comparison;

public sealed class HungarianAssignmentTests
{
    [Fact]
    public void FindsTheCheapestAssignmentWhereGreedyChoiceIsWrong()
    {
        // Greedy takes (0,0) = 1 first and must then pay 100; the optimum is (0,1) + (1,0) = 4.
        var cost = new double[,] { { 1, 2 }, { 2, 100 } };

        Assert.Equal([1, 0], HungarianAssignment.Solve(cost));
    }

    [Fact]
    public void SolvesALargerProblemToTheKnownOptimum()
    {
        var cost = new double[,]
        {
            { 9, 2, 7, 8 },
            { 6, 4, 3, 7 },
            { 5, 8, 1, 8 },
            { 7, 6, 9, 4 },
        };

        int[] assignment = HungarianAssignment.Solve(cost);

        Assert.Equal(4, assignment.Distinct().Count());
        Assert.Equal(13, Enumerable.Range(0, 4).Sum(i => cost[i, assignment[i]]));
    }

    [Fact]
    public void RejectsANonSquareMatrix() =>
        Assert.Throws<ArgumentException>(() => HungarianAssignment.Solve(new double[2, 3]));
}
