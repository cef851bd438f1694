namespace Parity.Routing;

/// <summary>
/// Prompt features that need no model file and run on a CPU: word 1–2-grams and character 3–5-grams
/// (inside word boundaries) of the lower-cased text, hashed (FNV-1a, stable across runs and machines)
/// into <see cref="Buckets"/> slots, weighted 1 + ln(tf) × idf and scaled to unit length, plus three
/// shape features (ln(1 + words), ln(1 + numbers), ln(1 + sentences)), each standardised as
/// (value − <see cref="ShapeCenter"/>) / <see cref="ShapeScale"/>. <see cref="Fit"/> takes the centre and
/// scale from the training prompts (mean and standard deviation), so the shape features vary as much as a
/// weight needs: on GSM8K prompt length alone carries most of what the prompt says about difficulty.
/// Router files written before the standardisation have no centre and scale; they read as centre 0 and
/// scale 6, 3, 3, the fixed divisors of that time, so they score exactly as they did.
/// </summary>
internal sealed class PromptFeatures
{
    /// <summary>The shape features appended after the hashed slots.</summary>
    public const int ShapeCount = 3;

    /// <summary>The fixed shape divisors of router files that predate <see cref="ShapeCenter"/> and <see cref="ShapeScale"/>.</summary>
    public static readonly float[] LegacyShapeScale = [6, 3, 3];

    public PromptFeatures(int buckets, float[] idf, float[]? shapeCenter = null, float[]? shapeScale = null)
    {
        if (idf.Length != buckets)
        {
            throw new ArgumentException("idf must have one weight per bucket", nameof(idf));
        }

        shapeCenter ??= new float[ShapeCount];
        shapeScale ??= LegacyShapeScale;
        if (shapeCenter.Length != ShapeCount || shapeScale.Length != ShapeCount || shapeScale.Any(v => !(v > 0)))
        {
            throw new ArgumentException($"shape centre and scale must have {ShapeCount} values, the scales positive");
        }

        Buckets = buckets;
        Idf = idf;
        ShapeCenter = shapeCenter;
        ShapeScale = shapeScale;
    }

    /// <summary>Hash slots.</summary>
    public int Buckets { get; }

    /// <summary>Inverse document frequency per slot, ln((1 + n) / (1 + df)) + 1, from the training prompts.</summary>
    public float[] Idf { get; }

    /// <summary>Subtracted from each raw shape feature (the training prompts' mean).</summary>
    public float[] ShapeCenter { get; }

    /// <summary>Each centred shape feature is divided by this (the training prompts' standard deviation).</summary>
    public float[] ShapeScale { get; }

    /// <summary>Length of a feature vector: the slots and the shape features.</summary>
    public int Dimension => Buckets + ShapeCount;

    /// <summary>Learns the idf weights from the training prompts.</summary>
    public static PromptFeatures Fit(IEnumerable<string> prompts, int buckets)
    {
        var df = new int[buckets];
        var n = 0;
        var seen = new HashSet<int>();
        var sum = new double[ShapeCount];
        var squares = new double[ShapeCount];
        foreach (var prompt in prompts)
        {
            n++;
            var raw = RawShape(prompt);
            for (var s = 0; s < ShapeCount; s++)
            {
                sum[s] += raw[s];
                squares[s] += raw[s] * raw[s];
            }

            seen.Clear();
            foreach (var slot in Slots(prompt, buckets))
            {
                seen.Add(slot);
            }

            foreach (var slot in seen)
            {
                df[slot]++;
            }
        }

        var idf = new float[buckets];
        for (var i = 0; i < buckets; i++)
        {
            idf[i] = (float)(Math.Log((1.0 + n) / (1.0 + df[i])) + 1.0);
        }

        var center = new float[ShapeCount];
        var scale = new float[ShapeCount];
        for (var s = 0; s < ShapeCount; s++)
        {
            var mean = n == 0 ? 0 : sum[s] / n;
            var variance = n == 0 ? 0 : Math.Max(0, (squares[s] / n) - (mean * mean));
            center[s] = (float)mean;
            scale[s] = variance > 1e-6 ? (float)Math.Sqrt(variance) : 1f;
        }

        return new PromptFeatures(buckets, idf, center, scale);
    }

    /// <summary>The feature vector of one prompt.</summary>
    public SparseVector Transform(string prompt)
    {
        var counts = new Dictionary<int, int>();
        foreach (var slot in Slots(prompt, Buckets))
        {
            counts[slot] = counts.GetValueOrDefault(slot) + 1;
        }

        var indices = counts.Keys.Order().ToArray();
        var values = new float[indices.Length + ShapeCount];
        double norm = 0;
        for (var i = 0; i < indices.Length; i++)
        {
            var w = (1.0 + Math.Log(counts[indices[i]])) * Idf[indices[i]];
            values[i] = (float)w;
            norm += w * w;
        }

        var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0f;
        for (var i = 0; i < indices.Length; i++)
        {
            values[i] *= scale;
        }

        var raw = RawShape(prompt);
        for (var s = 0; s < ShapeCount; s++)
        {
            values[indices.Length + s] = (float)((raw[s] - ShapeCenter[s]) / ShapeScale[s]);
        }

        var all = new int[indices.Length + ShapeCount];
        indices.CopyTo(all, 0);
        for (var s = 0; s < ShapeCount; s++)
        {
            all[indices.Length + s] = Buckets + s;
        }

        return new SparseVector(all, values);
    }

    private static double[] RawShape(string prompt)
    {
        var (words, numbers, sentences) = Shape(prompt);
        return [Math.Log(1 + words), Math.Log(1 + numbers), Math.Log(1 + sentences)];
    }

    private static (int Words, int Numbers, int Sentences) Shape(string text)
    {
        int words = 0, numbers = 0, sentences = 0;
        var inWord = false;
        var wordHasDigit = false;
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (!inWord)
                {
                    words++;
                    inWord = true;
                    wordHasDigit = false;
                }

                if (char.IsDigit(ch) && !wordHasDigit)
                {
                    numbers++;
                    wordHasDigit = true;
                }
            }
            else
            {
                inWord = false;
                if (ch is '.' or '?' or '!')
                {
                    sentences++;
                }
            }
        }

        return (words, numbers, sentences);
    }

    /// <summary>The hash slot of every n-gram of the text (repeats included).</summary>
    private static IEnumerable<int> Slots(string text, int buckets)
    {
        var tokens = Tokens(text);
        const uint wordSeed = 0x811C9DC5, bigramSeed = 0x01000193 * 7, charSeed = 0x9E3779B9;
        for (var i = 0; i < tokens.Count; i++)
        {
            yield return Bucket(Fnv(wordSeed, tokens[i]), buckets);
            if (i + 1 < tokens.Count)
            {
                yield return Bucket(Fnv(Fnv(bigramSeed, tokens[i]) ^ 0x20, tokens[i + 1]), buckets);
            }

            var padded = " " + tokens[i] + " ";
            for (var n = 3; n <= 5; n++)
            {
                for (var start = 0; start + n <= padded.Length; start++)
                {
                    yield return Bucket(Fnv(charSeed + (uint)n, padded.AsSpan(start, n)), buckets);
                }
            }
        }
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(char.ToLowerInvariant(ch));
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static uint Fnv(uint seed, ReadOnlySpan<char> text)
    {
        var h = seed;
        foreach (var ch in text)
        {
            h = (h ^ ch) * 0x01000193;
        }

        return h;
    }

    private static int Bucket(uint hash, int buckets) => (int)(hash % (uint)buckets);
}
