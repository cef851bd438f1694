namespace Parity.Routing;

/// <summary>
/// A nearest-neighbour router (a third kind, measured by <c>route eval</c> only): P(strong wins) for a prompt is
/// the mean strong–weak result (1 win, ½ tie, 0 loss) of the <see cref="Neighbours"/> training prompts most
/// similar to it (cosine over the same features as the other routers: unit-length hashed n-grams and the
/// standardised shape features), shrunk toward the training mean by <see cref="Prior"/> pseudo-items. It keeps
/// the training prompts, so it is not written to a router file.
/// </summary>
internal sealed class KnnRouter
{
    public const int Neighbours = 25;

    public const double Prior = 5;

    private readonly PromptFeatures features;
    private readonly SparseVector[] vectors;
    private readonly double[] norms;
    private readonly double[] targets;
    private readonly double mean;

    private KnnRouter(PromptFeatures features, SparseVector[] vectors, double[] targets)
    {
        this.features = features;
        this.vectors = vectors;
        this.targets = targets;
        norms = vectors.Select(Norm).ToArray();
        mean = targets.Length == 0 ? 0.5 : targets.Average();
    }

    /// <summary>Keeps the training items that have records of both models.</summary>
    public static KnnRouter Fit(IReadOnlyList<OutcomeItem> items, int strong, int weak, int buckets)
    {
        var paired = items.Where(i => i.Scores[strong] is not null && i.Scores[weak] is not null).ToList();
        var features = PromptFeatures.Fit(paired.Select(i => i.Prompt), buckets);
        return new KnnRouter(features, paired.Select(i => features.Transform(i.Prompt)).ToArray(),
            paired.Select(i => 0.5 + (0.5 * (i.Scores[strong]!.Value - i.Scores[weak]!.Value))).ToArray());
    }

    public double StrongWinProbability(string prompt)
    {
        var x = features.Transform(prompt);
        var dense = new double[features.Dimension];
        for (var i = 0; i < x.Indices.Length; i++)
        {
            dense[x.Indices[i]] = x.Values[i];
        }

        var xNorm = Norm(x);
        var similarity = new double[vectors.Length];
        for (var n = 0; n < vectors.Length; n++)
        {
            double dot = 0;
            var v = vectors[n];
            for (var i = 0; i < v.Indices.Length; i++)
            {
                dot += dense[v.Indices[i]] * v.Values[i];
            }

            similarity[n] = xNorm > 0 && norms[n] > 0 ? dot / (xNorm * norms[n]) : 0;
        }

        var nearest = Enumerable.Range(0, vectors.Length).OrderByDescending(n => similarity[n]).ThenBy(n => n).Take(Neighbours).ToList();
        return (nearest.Sum(n => targets[n]) + (Prior * mean)) / (nearest.Count + Prior);
    }

    private static double Norm(SparseVector v) => Math.Sqrt(v.Values.Sum(f => (double)f * f));
}
