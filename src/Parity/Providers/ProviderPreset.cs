namespace Parity.Providers;

/// <summary>
/// How to reach one provider's OpenAI-compatible endpoint: its default address, the environment
/// variable that holds its key (as the official SDKs read it) and the one that overrides its address.
/// </summary>
/// <param name="Name">Lower-case provider name used in <c>provider:model</c>.</param>
/// <param name="BaseUrl">Default base URL, ending before <c>/chat/completions</c>.</param>
/// <param name="KeyVariables">Environment variables tried in order for the key; empty when no key is used.</param>
/// <param name="KeyRequired">False for local servers (vLLM, llama.cpp, Ollama) that accept any or no key.</param>
public sealed record ProviderPreset(string Name, string BaseUrl, IReadOnlyList<string> KeyVariables, bool KeyRequired)
{
    /// <summary>The variable that overrides the address: <c>&lt;PROVIDER&gt;_BASE_URL</c>.</summary>
    public string BaseUrlVariable => Name.ToUpperInvariant() + "_BASE_URL";

    /// <summary>The built-in presets.</summary>
    public static IReadOnlyList<ProviderPreset> BuiltIn { get; } =
    [
        new("openai", "https://api.openai.com/v1", ["OPENAI_API_KEY"], true),
        new("anthropic", "https://api.anthropic.com/v1", ["ANTHROPIC_API_KEY"], true),
        new("gemini", "https://generativelanguage.googleapis.com/v1beta/openai", ["GEMINI_API_KEY", "GOOGLE_API_KEY"], true),
        new("deepseek", "https://api.deepseek.com/v1", ["DEEPSEEK_API_KEY"], true),
        new("dashscope", "https://dashscope.aliyuncs.com/compatible-mode/v1", ["DASHSCOPE_API_KEY"], true),
        new("moonshot", "https://api.moonshot.ai/v1", ["MOONSHOT_API_KEY"], true),
        new("zhipu", "https://open.bigmodel.cn/api/paas/v4", ["ZHIPUAI_API_KEY", "ZHIPU_API_KEY"], true),
        new("minimax", "https://api.minimax.io/v1", ["MINIMAX_API_KEY"], true),
        new("openrouter", "https://openrouter.ai/api/v1", ["OPENROUTER_API_KEY"], true),
        new("vllm", "http://localhost:8000/v1", ["VLLM_API_KEY"], false),
        new("llamacpp", "http://localhost:8080/v1", ["LLAMACPP_API_KEY"], false),
        new("ollama", "http://localhost:11434/v1", ["OLLAMA_API_KEY"], false),
    ];
}
