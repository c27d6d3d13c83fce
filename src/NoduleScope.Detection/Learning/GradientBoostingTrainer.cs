namespace NoduleScope.Detection.Learning;

/// <summary>
/// Trains <see cref="GradientBoostedTrees"/> with logistic loss, second-order (Newton) leaf values and quantile-binned
/// split finding, row and feature subsampling from a seeded generator: the same data and options give the same model.
/// </summary>
public sealed class GradientBoostingTrainer
{
    private readonly GradientBoostingOptions options;

    public GradientBoostingTrainer(GradientBoostingOptions? options = null)
    {
        this.options = options ?? new GradientBoostingOptions();
    }

    public GradientBoostedTrees Train(IReadOnlyList<float[]> rows, IReadOnlyList<bool> labels, IReadOnlyList<string> featureNames, string name)
    {
        int n = rows.Count;
        if (n == 0 || labels.Count != n)
        {
            throw new ArgumentException("rows and labels must be non-empty and of the same length");
        }

        int features = featureNames.Count;
        foreach (var row in rows)
        {
            if (row.Length != features)
            {
                throw new ArgumentException($"every row must have {features} features");
            }
        }

        var edges = new float[features][];
        var bins = new byte[features][];
        for (int f = 0; f < features; f++)
        {
            edges[f] = BinEdges(rows, f, options.Bins);
            bins[f] = new byte[n];
            for (int i = 0; i < n; i++)
            {
                bins[f][i] = (byte)BinOf(edges[f], rows[i][f]);
            }
        }

        var weight = new double[n];
        double positive = 0, total = 0;
        for (int i = 0; i < n; i++)
        {
            weight[i] = labels[i] ? options.PositiveWeight : 1;
            positive += labels[i] ? weight[i] : 0;
            total += weight[i];
        }

        double prior = Math.Clamp(positive / total, 1e-6, 1 - 1e-6);
        double baseScore = Math.Log(prior / (1 - prior));
        var margin = new double[n];
        Array.Fill(margin, baseScore);
        var gradient = new double[n];
        var hessian = new double[n];
        var random = new Random(options.Seed);
        var trees = new List<RegressionTree>(options.Trees);
        var all = new int[n];
        for (int i = 0; i < n; i++)
        {
            all[i] = i;
        }

        for (int t = 0; t < options.Trees; t++)
        {
            for (int i = 0; i < n; i++)
            {
                double p = 1 / (1 + Math.Exp(-margin[i]));
                gradient[i] = weight[i] * (p - (labels[i] ? 1 : 0));
                hessian[i] = weight[i] * Math.Max(p * (1 - p), 1e-6);
            }

            int[] sample = Sample(all, options.RowSample, random);
            Array.Sort(sample);
            int[] tried = Sample(Enumerable.Range(0, features).ToArray(), options.FeatureSample, random);
            var builder = new TreeBuilder(bins, edges, gradient, hessian, tried, options);
            builder.Build(sample, 0);
            var tree = builder.ToTree();
            trees.Add(tree);
            for (int i = 0; i < n; i++)
            {
                margin[i] += tree.Evaluate(rows[i]);
            }
        }

        return new GradientBoostedTrees { Name = name, FeatureNames = [.. featureNames], BaseScore = baseScore, Trees = trees };
    }

    private static int[] Sample(int[] items, double share, Random random)
    {
        int count = Math.Max(1, (int)Math.Round(items.Length * Math.Clamp(share, 0, 1)));
        var copy = (int[])items.Clone();
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, copy.Length);
            (copy[i], copy[j]) = (copy[j], copy[i]);
        }

        return copy[..count];
    }

    /// <summary>Up to <paramref name="bins"/> − 1 quantile edges of one feature (distinct, ascending).</summary>
    private static float[] BinEdges(IReadOnlyList<float[]> rows, int f, int bins)
    {
        var values = new float[rows.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = rows[i][f];
        }

        Array.Sort(values);
        var result = new List<float>();
        for (int b = 1; b < bins; b++)
        {
            float v = values[(int)((long)b * (values.Length - 1) / bins)];
            if ((result.Count == 0 || v > result[^1]) && v < values[^1])
            {
                result.Add(v);
            }
        }

        return [.. result];
    }

    private static int BinOf(float[] edges, float value)
    {
        int index = Array.BinarySearch(edges, value);
        return index >= 0 ? index : ~index;
    }

    private sealed class TreeBuilder(byte[][] bins, float[][] edges, double[] gradient, double[] hessian, int[] features, GradientBoostingOptions options)
    {
        private readonly List<int> feature = [];
        private readonly List<float> threshold = [];
        private readonly List<int> left = [];
        private readonly List<int> right = [];
        private readonly List<float> value = [];

        public int Build(int[] rows, int depth)
        {
            double g = 0, h = 0;
            foreach (int i in rows)
            {
                g += gradient[i];
                h += hessian[i];
            }

            int node = Add();
            value[node] = (float)(-g / (h + options.L2) * options.LearningRate);
            if (depth >= options.MaxDepth || h < 2 * options.MinLeafHessian)
            {
                return node;
            }

            double parentScore = g * g / (h + options.L2);
            double bestGain = 1e-9;
            int bestFeature = -1, bestBin = -1;
            var histG = new double[options.Bins + 1];
            var histH = new double[options.Bins + 1];
            foreach (int f in features)
            {
                int binCount = edges[f].Length + 1;
                if (binCount < 2)
                {
                    continue;
                }

                Array.Clear(histG);
                Array.Clear(histH);
                byte[] column = bins[f];
                foreach (int i in rows)
                {
                    histG[column[i]] += gradient[i];
                    histH[column[i]] += hessian[i];
                }

                double gl = 0, hl = 0;
                for (int b = 0; b < binCount - 1; b++)
                {
                    gl += histG[b];
                    hl += histH[b];
                    double hr = h - hl;
                    if (hl < options.MinLeafHessian || hr < options.MinLeafHessian)
                    {
                        continue;
                    }

                    double gr = g - gl;
                    double gain = (gl * gl / (hl + options.L2)) + (gr * gr / (hr + options.L2)) - parentScore;
                    if (gain > bestGain)
                    {
                        bestGain = gain;
                        bestFeature = f;
                        bestBin = b;
                    }
                }
            }

            if (bestFeature < 0)
            {
                return node;
            }

            var leftRows = new List<int>();
            var rightRows = new List<int>();
            byte[] split = bins[bestFeature];
            foreach (int i in rows)
            {
                (split[i] <= bestBin ? leftRows : rightRows).Add(i);
            }

            feature[node] = bestFeature;
            threshold[node] = edges[bestFeature][bestBin];
            left[node] = Build([.. leftRows], depth + 1);
            right[node] = Build([.. rightRows], depth + 1);
            return node;
        }

        public RegressionTree ToTree() => new([.. feature], [.. threshold], [.. left], [.. right], [.. value]);

        private int Add()
        {
            feature.Add(-1);
            threshold.Add(0);
            left.Add(-1);
            right.Add(-1);
            value.Add(0);
            return feature.Count - 1;
        }
    }
}
