using System.Collections.Concurrent;

namespace Parity.Gateway;

/// <summary>
/// Token counts of whole texts, keyed by the exact text and looked up by span without allocating. Bounded by the
/// characters it holds: when an addition would pass the bound, it starts empty again (a later request counts
/// afresh and refills it), which keeps it simple and its memory fixed.
/// </summary>
internal sealed class TokenCountCache
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> bySpan;
    private long chars;

    public TokenCountCache() => bySpan = counts.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many texts it holds.</summary>
    public int Count => counts.Count;

    /// <summary>The characters of text it holds (approximately, while additions race a reset).</summary>
    public long Chars => Interlocked.Read(ref chars);

    public bool TryGet(ReadOnlySpan<char> text, out int count) => bySpan.TryGetValue(text, out count);

    public void Add(ReadOnlySpan<char> text, int count, long maxChars)
    {
        if (Interlocked.Add(ref chars, text.Length) > maxChars)
        {
            lock (counts)
            {
                if (Interlocked.Read(ref chars) > maxChars)
                {
                    counts.Clear();
                    Interlocked.Exchange(ref chars, text.Length);
                }
            }
        }

        if (!bySpan.TryAdd(text, count))
        {
            Interlocked.Add(ref chars, -text.Length);
        }
    }
}
