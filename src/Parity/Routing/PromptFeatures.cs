namespace Parity.Routing;

/// <summary>
/// Prompt features that need no model file and run on a CPU: word 1–2-grams and character 3–5-grams
/// (inside word boundaries) of the lower-cased text, hashed (FNV-1a, stable across runs and machines)
/// into <see cref="Buckets"/> slots, weighted 1 + ln(tf) × idf and scaled to unit length, plus three
/// shape features (log word count, log count of numbers, log count of sentences).
/// </summary>
internal sealed class PromptFeatures
{
    /// <summary>The shape features appended after the hashed slots.</summary>
    public const int ShapeCount = 3;

    public PromptFeatures(int buckets, float[] idf)
    {
        if (idf.Length != buckets)
        {
            throw new ArgumentException("idf must have one weight per bucket", nameof(idf));
        }

        Buckets = buckets;
        Idf = idf;
    }

    /// <summary>Hash slots.</summary>
    public int Buckets { get; }

    /// <summary>Inverse document frequency per slot, ln((1 + n) / (1 + df)) + 1, from the training prompts.</summary>
    public float[] Idf { get; }

    /// <summary>Length of a feature vector: the slots and the shape features.</summary>
    public int Dimension => Buckets + ShapeCount;

    /// <summary>Learns the idf weights from the training prompts.</summary>
    public static PromptFeatures Fit(IEnumerable<string> prompts, int buckets)
    {
        var df = new int[buckets];
        var n = 0;
        var seen = new HashSet<int>();
        foreach (var prompt in prompts)
        {
            n++;
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

        return new PromptFeatures(buckets, idf);
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

        var (words, numbers, sentences) = Shape(prompt);
        values[indices.Length] = (float)(Math.Log(1 + words) / 6);
        values[indices.Length + 1] = (float)(Math.Log(1 + numbers) / 3);
        values[indices.Length + 2] = (float)(Math.Log(1 + sentences) / 3);
        var all = new int[indices.Length + ShapeCount];
        indices.CopyTo(all, 0);
        for (var s = 0; s < ShapeCount; s++)
        {
            all[indices.Length + s] = Buckets + s;
        }

        return new SparseVector(all, values);
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
