namespace Parity.Evals;

/// <summary>How one answer scored.</summary>
/// <param name="Score">1 correct, 0 wrong (fractions only for scorers that give partial credit).</param>
/// <param name="Extracted">The answer the scorer read out of the completion, or null when it found none.</param>
public readonly record struct ItemScore(double Score, string? Extracted)
{
    public static ItemScore Wrong(string? extracted) => new(0, extracted);

    public static ItemScore Of(bool correct, string? extracted) => new(correct ? 1 : 0, extracted);
}
