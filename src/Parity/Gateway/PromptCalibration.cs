namespace Parity.Gateway;

/// <summary>
/// How many prompt tokens each model's provider reports per token the gateway counted, learned from the
/// answers' usage, so that reservations cover what the provider will bill: chat templates, system prompts
/// a provider adds, tools rendered its own way, images, and another family's tokenizer all make the
/// reported count differ from the count of the request's text. A larger ratio is taken at once (the next
/// admission reserves with it); a smaller one is approached slowly (by <see cref="Decay"/> of the gap per
/// answer), so one short answer does not undo what was learned. The factor is never below 1 (the count
/// itself is reserved) nor above <see cref="MaxFactor"/>. Per process; thread-safe.
/// </summary>
public sealed class PromptCalibration
{
    /// <summary>The smallest counted prompt that teaches a ratio (below it, fixed overheads dominate).</summary>
    public const long MinimumTokens = 32;

    /// <summary>The largest factor (a provider reporting more than this many times the count is taken as this).</summary>
    public const double MaxFactor = 64;

    /// <summary>The share of the gap to a smaller observed ratio closed per answer.</summary>
    public const double Decay = 0.02;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Box> factors = new(StringComparer.Ordinal);

    /// <summary>The factor for <paramref name="model"/>: 1 until its provider has reported more than was counted.</summary>
    public double Factor(string model) => factors.TryGetValue(model, out var box) ? Volatile.Read(ref box.Value) : 1;

    /// <summary>The prompt tokens to reserve for <paramref name="counted"/> tokens on <paramref name="model"/>.</summary>
    public long Reserve(string model, long counted) => counted <= 0 ? 0 : (long)Math.Ceiling(counted * Factor(model));

    /// <summary>Learns from one answer: <paramref name="reported"/> prompt tokens from the provider for <paramref name="counted"/> counted.</summary>
    public void Observe(string model, long counted, long reported)
    {
        if (counted < MinimumTokens || reported <= 0)
        {
            return;
        }

        var observed = Math.Clamp((double)reported / counted, 1, MaxFactor);
        var box = factors.GetOrAdd(model, static _ => new Box { Value = 1 });
        var current = Volatile.Read(ref box.Value);
        while (true)
        {
            var next = observed >= current ? observed : current + ((observed - current) * Decay);
            var seen = Interlocked.CompareExchange(ref box.Value, next, current);
            if (BitConverter.DoubleToInt64Bits(seen) == BitConverter.DoubleToInt64Bits(current))
            {
                return;
            }

            current = seen;
        }
    }

    private sealed class Box
    {
        public double Value;
    }
}
