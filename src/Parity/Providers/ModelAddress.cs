namespace Parity.Providers;

/// <summary>A model addressed as <c>provider:model</c>, e.g. <c>deepseek:deepseek-chat</c>.</summary>
/// <param name="Provider">The provider preset or configured provider name, lower case.</param>
/// <param name="Model">The model id as the provider's API spells it (may itself contain <c>:</c> or <c>/</c>).</param>
public sealed record ModelAddress(string Provider, string Model)
{
    /// <summary>Parses <c>provider:model</c>; the model part may contain further colons (<c>ollama:qwen3:8b</c>).</summary>
    public static ModelAddress Parse(string text)
    {
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new ParityException($"Model '{text}' is not of the form provider:model (for example openai:gpt-4o-mini or replay:Qwen2-72B-Instruct).");
        }

        return new ModelAddress(text[..colon].Trim().ToLowerInvariant(), text[(colon + 1)..].Trim());
    }

    /// <inheritdoc />
    public override string ToString() => $"{Provider}:{Model}";
}
