namespace Parity.Routing;

/// <summary>
/// Trains a <see cref="LearnedRouter"/> on per-item outcomes by AdaGrad on the cross-entropy of
/// P(model i beats model j | prompt) against the recorded result: 1 for a win (i right, j wrong), 0 for a
/// loss and ½ for a tie (both right or both wrong), the Arena convention of ties as half wins. The MF router
/// learns from every pair of models with records on an item; logistic regression from the strong–weak pair.
/// </summary>
internal static class RouterTrainer
{
    public static LearnedRouter Train(IReadOnlyList<string> models, IReadOnlyList<OutcomeItem> items, string strong, string weak, RouterTrainingOptions options)
    {
        var strongIndex = IndexOf(models, strong);
        var weakIndex = IndexOf(models, weak);
        var mf = options.Kind == RouterKind.Mf;
        var features = PromptFeatures.Fit(items.Select(i => i.Prompt), options.Buckets);
        var vectors = items.Select(i => features.Transform(i.Prompt)).ToArray();

        // The models the router keeps, and each item's scores in that order.
        var kept = mf ? Enumerable.Range(0, models.Count).ToArray() : [strongIndex, weakIndex];
        var rank = mf ? options.Rank : 1;
        var m = kept.Length;
        var random = new Random(options.Seed);
        var projection = new float[features.Dimension * rank];
        var bias = new float[rank];
        var embeddings = new float[m * rank];
        var output = new float[rank];
        if (mf)
        {
            for (var i = 0; i < projection.Length; i++)
            {
                projection[i] = (float)(Gaussian(random) * 0.1);
            }

            for (var i = 0; i < embeddings.Length; i++)
            {
                embeddings[i] = (float)Gaussian(random);
            }

            Array.Fill(output, 1f);
        }
        else
        {
            embeddings[0] = 1;
            output[0] = 1;
        }

        var gProjection = new float[projection.Length];
        var gBias = new float[rank];
        var gEmbeddings = new float[embeddings.Length];
        var gOutput = new float[rank];
        var order = Enumerable.Range(0, items.Count).ToArray();
        var h = new double[rank];
        var dh = new double[rank];
        var dEmb = new double[embeddings.Length];
        var dOut = new double[rank];
        var lr = options.LearningRate;
        const double eps = 1e-8;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var n in order)
            {
                var scores = items[n].Scores;
                var x = vectors[n];
                h.AsSpan().Clear();
                for (var k = 0; k < rank; k++)
                {
                    h[k] = bias[k];
                }

                for (var i = 0; i < x.Indices.Length; i++)
                {
                    var row = x.Indices[i] * rank;
                    for (var k = 0; k < rank; k++)
                    {
                        h[k] += projection[row + k] * x.Values[i];
                    }
                }

                Array.Clear(dh);
                Array.Clear(dOut);
                if (mf)
                {
                    Array.Clear(dEmb);
                }

                var pairs = 0;
                for (var a = 0; a < m; a++)
                {
                    var sa = scores[kept[a]];
                    if (sa is null)
                    {
                        continue;
                    }

                    for (var b = a + 1; b < m; b++)
                    {
                        var sb = scores[kept[b]];
                        if (sb is null)
                        {
                            continue;
                        }

                        pairs++;
                        var target = 0.5 + (0.5 * (sa.Value - sb.Value));
                        double z = 0;
                        for (var k = 0; k < rank; k++)
                        {
                            z += output[k] * (embeddings[(a * rank) + k] - embeddings[(b * rank) + k]) * h[k];
                        }

                        var g = (1 / (1 + Math.Exp(-z))) - target;
                        for (var k = 0; k < rank; k++)
                        {
                            var d = embeddings[(a * rank) + k] - embeddings[(b * rank) + k];
                            dh[k] += g * output[k] * d;
                            if (mf)
                            {
                                dEmb[(a * rank) + k] += g * output[k] * h[k];
                                dEmb[(b * rank) + k] -= g * output[k] * h[k];
                                dOut[k] += g * d * h[k];
                            }
                        }
                    }
                }

                if (pairs == 0)
                {
                    continue;
                }

                var scale = 1.0 / pairs;
                for (var i = 0; i < x.Indices.Length; i++)
                {
                    var row = x.Indices[i] * rank;
                    // The penalty falls on the hashed n-gram slots, not on the three dense shape features: a rare
                    // n-gram seen on a handful of training items is what overfits, the prompt's length is not.
                    var l2 = x.Indices[i] < features.Buckets ? options.L2 : 0;
                    for (var k = 0; k < rank; k++)
                    {
                        var grad = (dh[k] * scale * x.Values[i]) + (l2 * projection[row + k]);
                        Step(projection, gProjection, row + k, grad, lr, eps);
                    }
                }

                for (var k = 0; k < rank; k++)
                {
                    Step(bias, gBias, k, dh[k] * scale, lr, eps);
                }

                if (mf)
                {
                    for (var i = 0; i < embeddings.Length; i++)
                    {
                        Step(embeddings, gEmbeddings, i, (dEmb[i] * scale) + (options.L2 * embeddings[i]), lr, eps);
                    }

                    for (var k = 0; k < rank; k++)
                    {
                        Step(output, gOutput, k, dOut[k] * scale, lr, eps);
                    }
                }
            }
        }

        return new LearnedRouter
        {
            Kind = options.Kind,
            Models = kept.Select(i => models[i]).ToList(),
            Strong = strong,
            Weak = weak,
            Features = features,
            Rank = rank,
            Projection = projection,
            Bias = bias,
            ModelEmbeddings = embeddings,
            Output = output,
        };
    }

    private static void Step(float[] weights, float[] squares, int i, double grad, double lr, double eps)
    {
        if (grad == 0)
        {
            return;
        }

        squares[i] += (float)(grad * grad);
        weights[i] -= (float)(lr * grad / (Math.Sqrt(squares[i]) + eps));
    }

    private static int IndexOf(IReadOnlyList<string> models, string name)
    {
        for (var i = 0; i < models.Count; i++)
        {
            if (models[i] == name)
            {
                return i;
            }
        }

        throw new ParityException($"training data: field 'models' has no '{name}'.");
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
