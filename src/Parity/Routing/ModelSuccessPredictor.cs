namespace Parity.Routing;

/// <summary>
/// The multi-model router's core: for every model, a logistic regression P(model answers well | prompt) on the
/// same prompt features as the two-model routers (hashed n-grams and the standardised shape features), trained by
/// AdaGrad on the cross-entropy against the recorded score, with the L2 penalty on the n-gram slots only.
/// A router then picks, per prompt, the model with the best predicted score net of its expected cost.
/// </summary>
internal sealed class ModelSuccessPredictor
{
    private ModelSuccessPredictor(PromptFeatures features, float[][] weights, float[] bias)
    {
        Features = features;
        Weights = weights;
        Bias = bias;
    }

    public PromptFeatures Features { get; }

    /// <summary>One weight vector of <see cref="PromptFeatures.Dimension"/> per model.</summary>
    public float[][] Weights { get; }

    public float[] Bias { get; }

    /// <summary>Trains one predictor per model of <paramref name="models"/> (indices into each item's scores) on the items that have a record for it.</summary>
    public static ModelSuccessPredictor Train(IReadOnlyList<OutcomeItem> items, IReadOnlyList<int> models, RouterTrainingOptions options)
    {
        var features = PromptFeatures.Fit(items.Select(i => i.Prompt), options.Buckets);
        var vectors = items.Select(i => features.Transform(i.Prompt)).ToArray();
        var weights = new float[models.Count][];
        var bias = new float[models.Count];
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, items.Count).ToArray();
        for (var m = 0; m < models.Count; m++)
        {
            var w = new float[features.Dimension];
            var squares = new float[features.Dimension];
            float b = 0, bSquare = 0;
            for (var epoch = 0; epoch < options.Epochs; epoch++)
            {
                random.Shuffle(order);
                foreach (var n in order)
                {
                    if (items[n].Scores[models[m]] is not { } target)
                    {
                        continue;
                    }

                    var x = vectors[n];
                    double z = b;
                    for (var i = 0; i < x.Indices.Length; i++)
                    {
                        z += w[x.Indices[i]] * x.Values[i];
                    }

                    var g = (1 / (1 + Math.Exp(-z))) - target;
                    for (var i = 0; i < x.Indices.Length; i++)
                    {
                        var slot = x.Indices[i];
                        var grad = (g * x.Values[i]) + (slot < features.Buckets ? options.L2 * w[slot] : 0);
                        if (grad != 0)
                        {
                            squares[slot] += (float)(grad * grad);
                            w[slot] -= (float)(options.LearningRate * grad / (Math.Sqrt(squares[slot]) + 1e-8));
                        }
                    }

                    bSquare += (float)(g * g);
                    b -= (float)(options.LearningRate * g / (Math.Sqrt(bSquare) + 1e-8));
                }
            }

            weights[m] = w;
            bias[m] = b;
        }

        return new ModelSuccessPredictor(features, weights, bias);
    }

    /// <summary>Predicted score of every model (in training order) on a prompt.</summary>
    public double[] Predict(string prompt)
    {
        var x = Features.Transform(prompt);
        var p = new double[Weights.Length];
        for (var m = 0; m < Weights.Length; m++)
        {
            double z = Bias[m];
            for (var i = 0; i < x.Indices.Length; i++)
            {
                z += Weights[m][x.Indices[i]] * x.Values[i];
            }

            p[m] = 1 / (1 + Math.Exp(-z));
        }

        return p;
    }
}
