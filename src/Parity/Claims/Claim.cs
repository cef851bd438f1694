namespace Parity.Claims;

/// <summary>
/// One claim of a claims file: the sentence, who said it, and its readings (one or more checkable tests). A claim
/// written without <c>readings:</c> has one reading, "as written", from its own fields.
/// </summary>
public sealed class Claim
{
    /// <summary>The claim's id, unique in its file.</summary>
    public required string Id { get; init; }

    /// <summary>The sentence as it was written in the coverage.</summary>
    public required string Sentence { get; init; }

    /// <summary>Who said it, where and when.</summary>
    public string? Said { get; init; }

    /// <summary>The claim's type (of its first reading when readings differ).</summary>
    public required string Type { get; init; }

    /// <summary>File and line.</summary>
    public required string Location { get; init; }

    /// <summary>The readings, at least one.</summary>
    public required IReadOnlyList<ClaimTest> Readings { get; init; }

    /// <summary>The tracker headline this claim is a line of, if any (see <see cref="Tracker"/>).</summary>
    public string? Tracker { get; init; }

    /// <summary>The seed's own label for the line or claim: <c>confirmed</c>, <c>unconfirmed</c>, or a confidence like <c>80 %</c>.</summary>
    public string? SeedLabel { get; init; }

    /// <summary>What the data cover, in a few words ("OpenRouter traffic only"), for the summary.</summary>
    public string? Coverage { get; init; }

    /// <summary>True when some reading depends on prices or evidence series that change with the as-of date.</summary>
    public bool Volatile => Readings.Any(r => r.Volatile);

    /// <summary>Checks the claim on the data (with its time line when its data change over time).</summary>
    public ClaimResult Check(ClaimData data) => ClaimChecker.Check(this, data, Volatile);

    /// <summary>An error naming this claim and a field.</summary>
    public ParityException Error(string field, string message) => new($"{Location}: claim '{Id}': field '{field}' {message}");
}
