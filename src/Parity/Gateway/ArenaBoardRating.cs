namespace Parity.Gateway;

/// <summary>One catalog model's rating on a shipped LMArena snapshot.</summary>
/// <param name="Rating">The published score.</param>
/// <param name="ModelKey">The LMArena key the rating was published under.</param>
internal sealed record ArenaBoardRating(double Rating, string ModelKey);
