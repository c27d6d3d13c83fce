namespace NoduleScope.Detection.Learning;

/// <summary>
/// One binary regression tree in flat arrays: node i splits on <see cref="Feature"/>[i] at <see cref="Threshold"/>[i]
/// (value ≤ threshold goes left), or is a leaf when <see cref="Feature"/>[i] is −1 and then holds <see cref="Value"/>[i].
/// </summary>
public sealed record RegressionTree(int[] Feature, float[] Threshold, int[] Left, int[] Right, float[] Value)
{
    public float Evaluate(ReadOnlySpan<float> x)
    {
        int node = 0;
        while (Feature[node] >= 0)
        {
            node = x[Feature[node]] <= Threshold[node] ? Left[node] : Right[node];
        }

        return Value[node];
    }
}
