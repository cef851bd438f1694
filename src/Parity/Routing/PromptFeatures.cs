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

    // Per-thread scratch for Transform: the lower-cased text, token starts, slots, and slot counts (all zeros between calls).
    [ThreadStatic]
    private static char[]? loweredText;

    [ThreadStatic]
    private static int[]? tokenStarts;

    [ThreadStatic]
    private static int[]? slotBuffer;

    [ThreadStatic]
    private static int[]? slotCounts;

    [ThreadStatic]
    private static ulong[]? seenSlots;

    /// <summary>1 + ln(tf) for the term frequencies most slots have (the same doubles Math.Log gives).</summary>
    private static readonly double[] OnePlusLog = [.. Enumerable.Range(0, 256).Select(tf => 1.0 + Math.Log(tf))];

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
            foreach (var slot in SlotsOf(prompt, buckets))
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

    /// <summary>
    /// The feature vector of one prompt. On the gateway's request path (a <c>learned</c> route scores every
    /// request), so it counts slots in a per-thread array instead of a dictionary and allocates only the result.
    /// </summary>
    public SparseVector Transform(string prompt)
    {
        var slots = SlotsOf(prompt, Buckets);
        var counts = slotCounts is { } c && c.Length >= Buckets ? c : slotCounts = new int[Buckets];
        var words = (Buckets + 63) / 64;
        var seen = seenSlots is { } b && b.Length >= words ? b : seenSlots = new ulong[words];
        var unique = 0;
        foreach (var slot in slots)
        {
            if (counts[slot]++ == 0)
            {
                seen[slot >> 6] |= 1UL << slot;
                unique++;
            }
        }

        // The slots in ascending order, read off the bit set (and the bit set cleared for the next prompt).
        var indices = new int[unique + ShapeCount];
        for (int word = 0, k = 0; k < unique; word++)
        {
            var bits = seen[word];
            seen[word] = 0;
            while (bits != 0)
            {
                indices[k++] = (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }

        var values = new float[unique + ShapeCount];
        double norm = 0;
        for (var i = 0; i < unique; i++)
        {
            var slot = indices[i];
            var count = counts[slot];
            var w = (count < OnePlusLog.Length ? OnePlusLog[count] : 1.0 + Math.Log(count)) * Idf[slot];
            counts[slot] = 0; // the per-thread array is all zeros again after this prompt
            values[i] = (float)w;
            norm += w * w;
        }

        var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0f;
        for (var i = 0; i < unique; i++)
        {
            values[i] *= scale;
        }

        var raw = RawShape(prompt);
        for (var s = 0; s < ShapeCount; s++)
        {
            values[unique + s] = (float)((raw[s] - ShapeCenter[s]) / ShapeScale[s]);
            indices[unique + s] = Buckets + s;
        }

        return new SparseVector(indices, values);
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

    /// <summary>
    /// The hash slot of every n-gram of the text (repeats included): each token's word slot, its bigram with the
    /// next token, and the character 3-, 4- and 5-grams of the token padded with one space on each side. Tokens
    /// are the runs of letters and digits, lower-cased. The slots are written to a per-thread buffer, valid until
    /// the thread's next call.
    /// </summary>
    private static ReadOnlySpan<int> SlotsOf(string text, int buckets)
    {
        // The lower-cased tokens, each preceded by one space, with a space after the last: " tok1 tok2 ", so a
        // token's padded form is the token and the space on either side of it.
        var chars = loweredText is { } l && l.Length >= text.Length + 2 ? l : loweredText = new char[Math.Max(text.Length + 2, 256)];
        var starts = tokenStarts is { } ts && ts.Length >= (text.Length / 2) + 2 ? ts : tokenStarts = new int[Math.Max((text.Length / 2) + 2, 128)];
        var n = 1;
        var tokens = 0;
        var inToken = false;
        chars[0] = ' ';
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (!inToken)
                {
                    starts[tokens++] = n;
                    inToken = true;
                }

                chars[n++] = char.ToLowerInvariant(ch);
            }
            else if (inToken)
            {
                chars[n++] = ' ';
                inToken = false;
            }
        }

        if (inToken)
        {
            chars[n++] = ' ';
        }

        // Per token: a word slot, a bigram slot, and at most 3 × (length + 2) character n-grams.
        var most = (2 * tokens) + (3 * n) + 16;
        var slots = slotBuffer is { } sb && sb.Length >= most ? sb : slotBuffer = new int[Math.Max(most, 4096)];
        const uint wordSeed = 0x811C9DC5, bigramSeed = 0x01000193 * 7, charSeed = 0x9E3779B9;
        var count = 0;
        for (var i = 0; i < tokens; i++)
        {
            var start = starts[i];
            var length = (i + 1 < tokens ? starts[i + 1] - 1 : n - 1) - start;
            var token = chars.AsSpan(start, length);
            slots[count++] = Bucket(Fnv(wordSeed, token), buckets);
            if (i + 1 < tokens)
            {
                var next = starts[i + 1];
                var nextLength = (i + 2 < tokens ? starts[i + 2] - 1 : n - 1) - next;
                slots[count++] = Bucket(Fnv(Fnv(bigramSeed, token) ^ 0x20, chars.AsSpan(next, nextLength)), buckets);
            }

            var padded = chars.AsSpan(start - 1, length + 2);
            for (var size = 3; size <= 5; size++)
            {
                for (var at = 0; at + size <= padded.Length; at++)
                {
                    slots[count++] = Bucket(Fnv(charSeed + (uint)size, padded.Slice(at, size)), buckets);
                }
            }
        }

        return slots.AsSpan(0, count);
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

    /// <summary>The hash's slot: hash mod buckets (a mask when buckets is a power of two, the same number without a division).</summary>
    private static int Bucket(uint hash, int buckets) =>
        (buckets & (buckets - 1)) == 0 ? (int)(hash & (uint)(buckets - 1)) : (int)(hash % (uint)buckets);
}
