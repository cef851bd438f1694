namespace Parity.Evals;

/// <summary>Chooses which items of a suite to run: all, the first N, or a seeded random sample.</summary>
public static class ItemSelection
{
    /// <summary>
    /// With <paramref name="sample"/>, a uniform random sample of that size drawn with
    /// <paramref name="seed"/> (the same seed gives the same items, so runs can be resumed and
    /// compared), kept in suite order; then <paramref name="limit"/> keeps the first N.
    /// </summary>
    public static IReadOnlyList<EvalItem> Select(IReadOnlyList<EvalItem> items, int? limit, int? sample, int seed)
    {
        IReadOnlyList<EvalItem> chosen = items;
        if (sample is { } n && n < items.Count)
        {
            if (n <= 0)
            {
                throw new ParityException("--sample must be a positive number of items.");
            }

            var indices = Enumerable.Range(0, items.Count).ToArray();
            var random = new Random(seed);
            for (var i = 0; i < n; i++)
            {
                var j = i + random.Next(indices.Length - i);
                (indices[i], indices[j]) = (indices[j], indices[i]);
            }

            chosen = indices.Take(n).Order().Select(i => items[i]).ToList();
        }

        if (limit is { } l)
        {
            if (l <= 0)
            {
                throw new ParityException("--limit must be a positive number of items.");
            }

            chosen = chosen.Take(l).ToList();
        }

        return chosen;
    }
}
