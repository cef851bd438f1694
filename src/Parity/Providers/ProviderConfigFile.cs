using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Parity.Providers;

/// <summary>
/// The provider part of <c>parity.yaml</c>: extra providers, overrides of the presets' limits,
/// model aliases and where recorded outputs for the replay provider live.
/// <code>
/// replay_dir: ./recordings
/// providers:
///   mylab:                         # a new provider
///     base_url: https://llm.example.com/v1
///     api_key_env: MYLAB_API_KEY
///   deepseek:                      # a preset, with tighter limits
///     max_concurrency: 8
///     requests_per_minute: 300
/// aliases:
///   cheap: deepseek:deepseek-chat
/// </code>
/// </summary>
public sealed class ProviderConfigFile
{
    /// <summary>Providers by name.</summary>
    public Dictionary<string, ProviderConfigEntry> Providers { get; set; } = [];

    /// <summary>Alias → <c>provider:model</c>.</summary>
    public Dictionary<string, string> Aliases { get; set; } = [];

    /// <summary>Folder of recorded outputs for <c>replay:</c> models.</summary>
    public string? ReplayDir { get; set; }

    /// <summary>The file it was read from, for messages.</summary>
    [YamlIgnore]
    public string? Path { get; set; }

    /// <summary>Reads a <c>parity.yaml</c>; errors name the file, line and column.</summary>
    public static ProviderConfigFile Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ParityException($"Config file '{path}' does not exist.");
        }

        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        try
        {
            using var reader = File.OpenText(path);
            var config = deserializer.Deserialize<ProviderConfigFile?>(reader) ?? new ProviderConfigFile();
            config.Path = path;
            config.Providers ??= [];
            config.Aliases ??= [];
            return config;
        }
        catch (YamlException ex)
        {
            throw new ParityException($"{path}, line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }

    /// <summary>
    /// The config in effect: <c>PARITY_CONFIG</c> when set, else <c>parity.yaml</c> in the working
    /// directory when present, else an empty config.
    /// </summary>
    public static ProviderConfigFile LoadDefault()
    {
        var fromEnv = Environment.GetEnvironmentVariable("PARITY_CONFIG");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            return Load(fromEnv);
        }

        return File.Exists("parity.yaml") ? Load("parity.yaml") : new ProviderConfigFile();
    }
}
