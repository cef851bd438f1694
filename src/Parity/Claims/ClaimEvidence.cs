namespace Parity.Claims;

/// <summary>One fact behind a verdict, with where and when it comes from.</summary>
/// <param name="Text">The fact, with its numbers ("gemini-2.5-pro 1451.0 [1447.5, 1454.4]").</param>
/// <param name="Source">The file it was read from.</param>
/// <param name="Date">The date of that data.</param>
public sealed record ClaimEvidence(string Text, string Source, string? Date);
