namespace Parity.Routing;

/// <summary>
/// A trained router: the probability that the strong model wins on a prompt,
/// P = σ(w₂ᵀ((v_strong − v_weak) ⊙ (W₁ᵀx + b))) over the prompt's features x. The matrix-factorisation
/// router learns W₁ (features × rank), b, one vector v per model and w₂; logistic regression is the
/// same form with rank 1, v_strong = 1, v_weak = 0 and w₂ = 1, so P = σ(wᵀx + b).
/// </summary>
internal sealed class LearnedRouter
{
    public required RouterKind Kind { get; init; }

    /// <summary>The models the router knows, in the order of <see cref="ModelEmbeddings"/>.</summary>
    public required IReadOnlyList<string> Models { get; init; }

    public required string Strong { get; init; }

    public required string Weak { get; init; }

    public required PromptFeatures Features { get; init; }

    public required int Rank { get; init; }

    /// <summary>W₁, row-major: feature i's row is [i × Rank, (i + 1) × Rank).</summary>
    public required float[] Projection { get; init; }

    public required float[] Bias { get; init; }

    /// <summary>One row of <see cref="Rank"/> per model.</summary>
    public required float[] ModelEmbeddings { get; init; }

    public required float[] Output { get; init; }

    /// <summary>How the router's scores are distributed over prompts like its training data (null when the file has none).</summary>
    public RouterCalibration? Calibration { get; init; }

    /// <summary>P(strong model wins) for a prompt.</summary>
    public double StrongWinProbability(string prompt) => StrongWinProbability(Features.Transform(prompt));

    /// <summary>P(strong model wins) for a feature vector.</summary>
    public double StrongWinProbability(SparseVector x)
    {
        var s = ModelIndex(Strong);
        var w = ModelIndex(Weak);
        Span<double> h = stackalloc double[Rank];
        Project(x, h);
        double z = 0;
        for (var k = 0; k < Rank; k++)
        {
            z += Output[k] * (ModelEmbeddings[(s * Rank) + k] - ModelEmbeddings[(w * Rank) + k]) * h[k];
        }

        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>h = W₁ᵀx + b.</summary>
    public void Project(SparseVector x, Span<double> h)
    {
        for (var k = 0; k < Rank; k++)
        {
            h[k] = Bias[k];
        }

        for (var i = 0; i < x.Indices.Length; i++)
        {
            var row = x.Indices[i] * Rank;
            var v = x.Values[i];
            for (var k = 0; k < Rank; k++)
            {
                h[k] += Projection[row + k] * v;
            }
        }
    }

    public int ModelIndex(string model)
    {
        for (var i = 0; i < Models.Count; i++)
        {
            if (Models[i] == model)
            {
                return i;
            }
        }

        throw new ParityException($"router: field 'models' has no '{model}'.");
    }
}
