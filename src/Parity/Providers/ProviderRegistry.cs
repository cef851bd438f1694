namespace Parity.Providers;

/// <summary>
/// Turns <c>provider:model</c> into a callable model: the built-in presets, plus providers and
/// aliases from <c>parity.yaml</c>. Keys come from environment variables only. One HTTP
/// connection pool and one set of limits are shared by every model of the same provider.
/// </summary>
public sealed class ProviderRegistry : IDisposable
{
    private readonly Dictionary<string, ProviderPreset> _presets;
    private readonly ProviderConfigFile _config;
    private readonly Func<string, string?> _environment;
    private readonly Dictionary<string, ProviderClient> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ReplayRecordings> _replays = new(StringComparer.Ordinal);

    /// <param name="config">Extra providers and aliases; null for none.</param>
    /// <param name="environment">Reads an environment variable; defaults to the process environment.</param>
    /// <param name="replayRoot">Folder of recorded outputs; defaults to config, <c>PARITY_REPLAY_DIR</c>, then the shipped recordings.</param>
    public ProviderRegistry(ProviderConfigFile? config = null, Func<string, string?>? environment = null, string? replayRoot = null)
    {
        _config = config ?? new ProviderConfigFile();
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _presets = ProviderPreset.BuiltIn.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        ReplayRoot = replayRoot ?? _config.ReplayDir ?? _environment("PARITY_REPLAY_DIR");
    }

    /// <summary>Where the replay provider reads recordings; null means the shipped ones.</summary>
    public string? ReplayRoot { get; }

    /// <summary>Overrides applied to every provider's limits (e.g. short timeouts in tests).</summary>
    public Func<ProviderLimits, ProviderLimits>? LimitsOverride { get; init; }

    /// <summary>Expands an alias from <c>parity.yaml</c>, then parses <c>provider:model</c>.</summary>
    public ModelAddress ParseAddress(string text) =>
        _config.Aliases.TryGetValue(text, out var target) ? ModelAddress.Parse(target) : ModelAddress.Parse(text);

    /// <summary>Finds the provider's address, key and limits. A missing key names the variable to set.</summary>
    public ProviderEndpoint ResolveEndpoint(string provider)
    {
        _presets.TryGetValue(provider, out var preset);
        _config.Providers.TryGetValue(provider, out var entry);
        if (preset is null && entry is null)
        {
            var known = string.Join(", ", _presets.Keys.Concat(_config.Providers.Keys).Append("replay").Distinct().Order());
            throw new ParityException($"Unknown provider '{provider}'. Known providers: {known}. Add others under 'providers:' in parity.yaml.");
        }

        var baseUrlVariable = preset?.BaseUrlVariable ?? provider.ToUpperInvariant() + "_BASE_URL";
        var baseUrl = _environment(baseUrlVariable) is { Length: > 0 } fromEnv ? fromEnv : entry?.BaseUrl ?? preset?.BaseUrl;
        if (string.IsNullOrWhiteSpace(baseUrl) || !Uri.TryCreate(baseUrl.TrimEnd('/'), UriKind.Absolute, out var uri))
        {
            throw new ParityException($"Provider '{provider}' has no valid base URL: set {baseUrlVariable} or 'base_url' under providers.{provider} in parity.yaml.");
        }

        var keyVariables = entry?.ApiKeyEnv is { } v ? [v] : preset?.KeyVariables ?? [];
        var keyRequired = entry?.KeyRequired ?? preset?.KeyRequired ?? keyVariables.Count > 0;
        string? key = null;
        foreach (var variable in keyVariables)
        {
            key = _environment(variable);
            if (!string.IsNullOrEmpty(key))
            {
                break;
            }
        }

        if (string.IsNullOrEmpty(key) && keyRequired)
        {
            var names = keyVariables.Count == 0 ? $"'api_key_env' under providers.{provider} in parity.yaml" : string.Join(" or ", keyVariables);
            throw new ParityException($"No API key for provider '{provider}': set {names}.");
        }

        var limits = new ProviderLimits();
        if (entry is not null)
        {
            limits = limits with
            {
                MaxConcurrency = entry.MaxConcurrency ?? limits.MaxConcurrency,
                RequestsPerMinute = entry.RequestsPerMinute ?? limits.RequestsPerMinute,
                Timeout = entry.TimeoutSeconds is { } t ? TimeSpan.FromSeconds(t) : limits.Timeout,
                MaxRetries = entry.MaxRetries ?? limits.MaxRetries,
            };
        }

        if (LimitsOverride is not null)
        {
            limits = LimitsOverride(limits);
        }

        return new ProviderEndpoint(provider, new Uri(uri.ToString().TrimEnd('/') + "/"), string.IsNullOrEmpty(key) ? null : key, limits);
    }

    /// <summary>A callable model for <c>provider:model</c> (or an alias).</summary>
    public IChatModel Create(string addressText)
    {
        var address = ParseAddress(addressText);
        if (address.Provider == ReplayChatModel.ProviderName)
        {
            lock (_gate)
            {
                var root = ReplayRoot ?? ShippedData.PathOf("evals/replay");
                if (!_replays.TryGetValue(root, out var recordings))
                {
                    recordings = new ReplayRecordings(root);
                    _replays[root] = recordings;
                }

                return new ReplayChatModel(address, recordings);
            }
        }

        lock (_gate)
        {
            if (!_clients.TryGetValue(address.Provider, out var client))
            {
                client = new ProviderClient(ResolveEndpoint(address.Provider));
                _clients[address.Provider] = client;
            }

            return new OpenAiCompatibleModel(address, client);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
