namespace Parity.Catalog.Pricing;

/// <summary>
/// The tokens of one request, counted the way OpenAI-compatible APIs report them: <see cref="InputTokens"/>
/// is the whole prompt, of which <see cref="CachedInputTokens"/> were read from the prompt cache and
/// <see cref="CacheWriteTokens"/> were written to it.
/// </summary>
public sealed record TokenUsage(long InputTokens, long OutputTokens, long CachedInputTokens = 0, long CacheWriteTokens = 0)
{
    /// <summary>Throws when the counts cannot describe a request.</summary>
    public void Validate()
    {
        if (InputTokens < 0 || OutputTokens < 0 || CachedInputTokens < 0 || CacheWriteTokens < 0)
        {
            throw new ParityException("Token counts cannot be negative.");
        }

        if (CachedInputTokens + CacheWriteTokens > InputTokens)
        {
            throw new ParityException($"Cached ({CachedInputTokens}) and cache-write ({CacheWriteTokens}) tokens are part of the input tokens ({InputTokens}) and cannot exceed them.");
        }
    }
}
