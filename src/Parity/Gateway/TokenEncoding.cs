namespace Parity.Gateway;

/// <summary>The byte-pair encodings the gateway counts prompt tokens with (OpenAI's tiktoken encodings).</summary>
public enum TokenEncoding
{
    /// <summary><c>o200k_base</c>: GPT-4o, GPT-4.1, GPT-4.5, GPT-5 and the o-series; the default for other families.</summary>
    O200k,

    /// <summary><c>cl100k_base</c>: GPT-4 and GPT-3.5 Turbo.</summary>
    Cl100k,
}
