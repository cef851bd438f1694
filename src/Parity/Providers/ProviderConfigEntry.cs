namespace Parity.Providers;

/// <summary>One provider in <c>parity.yaml</c>. Unset fields keep the preset's (or the default) value.</summary>
public sealed class ProviderConfigEntry
{
    public string? BaseUrl { get; set; }

    /// <summary>The environment variable that holds the key (the key itself never goes in the file).</summary>
    public string? ApiKeyEnv { get; set; }

    public bool? KeyRequired { get; set; }

    public int? MaxConcurrency { get; set; }

    public double? RequestsPerMinute { get; set; }

    public double? TimeoutSeconds { get; set; }

    public int? MaxRetries { get; set; }
}
