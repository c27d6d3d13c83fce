namespace NoduleScope.Clinical.Comparison;

/// <summary>Minimum-cost assignment of rows to columns of a square cost matrix (Kuhn–Munkres with potentials, O(n³)).</summary>
internal static class HungarianAssignment
{
    /// <returns>For each row, its column.</returns>
    public static int[] Solve(double[,] cost)
    {
        int n = cost.GetLength(0);
        if (cost.GetLength(1) != n)
        {
            throw new ArgumentException("the cost matrix must be square", nameof(cost));
        }

        // 1-based arrays: column 0 is the virtual start of each augmenting path.
        var u = new double[n + 1];
        var v = new double[n + 1];
        var rowOfColumn = new int[n + 1];
        var way = new int[n + 1];
        for (int row = 1; row <= n; row++)
        {
            rowOfColumn[0] = row;
            int column = 0;
            var minimum = new double[n + 1];
            var used = new bool[n + 1];
            Array.Fill(minimum, double.PositiveInfinity);
            do
            {
                used[column] = true;
                int r = rowOfColumn[column], next = 0;
                double delta = double.PositiveInfinity;
                for (int c = 1; c <= n; c++)
                {
                    if (used[c])
                    {
                        continue;
                    }

                    double reduced = cost[r - 1, c - 1] - u[r] - v[c];
                    if (reduced < minimum[c])
                    {
                        minimum[c] = reduced;
                        way[c] = column;
                    }

                    if (minimum[c] < delta)
                    {
                        delta = minimum[c];
                        next = c;
                    }
                }

                for (int c = 0; c <= n; c++)
                {
                    if (used[c])
                    {
                        u[rowOfColumn[c]] += delta;
                        v[c] -= delta;
                    }
                    else
                    {
                        minimum[c] -= delta;
                    }
                }

                column = next;
            }
            while (rowOfColumn[column] != 0);

            do
            {
                int previous = way[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            }
            while (column != 0);
        }

        var assignment = new int[n];
        for (int c = 1; c <= n; c++)
        {
            assignment[rowOfColumn[c] - 1] = c - 1;
        }

        return assignment;
    }
}
