using NoduleScope.Imaging;

namespace NoduleScope.Clinical.Comparison;

/// <summary>
/// Pairs current nodules with prior ones (prior centres already mapped into the current scan) by a minimum-cost
/// assignment of the squared normalised distances, where leaving a nodule unpaired costs half the squared gate: a pair
/// is only made when it is cheaper than calling one nodule new and the other resolved, and one nodule never takes two
/// partners.
/// </summary>
public static class NoduleMatcher
{
    private const double Forbidden = 1e9;

    /// <returns>The pairs as (current index, prior index).</returns>
    public static IReadOnlyList<(int Current, int Prior)> Match(
        IReadOnlyList<(Vector3D Center, double DiameterMm)> current,
        IReadOnlyList<(Vector3D Center, double DiameterMm)> priorInCurrent,
        MatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(priorInCurrent);
        ArgumentNullException.ThrowIfNull(options);
        int nc = current.Count, np = priorInCurrent.Count;
        if (nc == 0 || np == 0)
        {
            return [];
        }

        int n = nc + np;
        var cost = new double[n, n];
        double unpaired = options.GateSigmas * options.GateSigmas / 2;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (i < nc && j < np)
                {
                    var (c, dc) = current[i];
                    var (p, dp) = priorInCurrent[j];
                    double d = (c - p).Length;
                    double z = d / options.Tolerance(dc, dp);
                    cost[i, j] = d <= options.Gate(dc, dp) ? z * z : Forbidden;
                }
                else if (i < nc)
                {
                    cost[i, j] = j - np == i ? unpaired : Forbidden;
                }
                else if (j < np)
                {
                    cost[i, j] = i - nc == j ? unpaired : Forbidden;
                }
            }
        }

        int[] assignment = HungarianAssignment.Solve(cost);
        var pairs = new List<(int, int)>();
        for (int i = 0; i < nc; i++)
        {
            int j = assignment[i];
            if (j < np && cost[i, j] < Forbidden)
            {
                pairs.Add((i, j));
            }
        }

        return pairs;
    }
}
