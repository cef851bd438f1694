namespace Parity.Claims;

/// <summary>
/// One checkable claim read from a claims file: the sentence it comes from and a typed, parameterised
/// statement. Each type knows how to check itself against <see cref="ClaimData"/>.
/// </summary>
public abstract class Claim
{
    /// <summary>The claim's id, unique in its file.</summary>
    public required string Id { get; init; }

    /// <summary>The sentence as it was written in the coverage.</summary>
    public required string Sentence { get; init; }

    /// <summary>Who said it, where and when.</summary>
    public string? Said { get; init; }

    /// <summary>The claim type, e.g. <c>rating-range</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Where the claim is: file and line.</summary>
    public required string Location { get; init; }

    /// <summary>Checks the claim.</summary>
    public abstract ClaimResult Check(ClaimData data);

    /// <summary>An error naming this claim.</summary>
    public ParityException Error(string message) => new($"{Location}: claim '{Id}': {message}");
}
