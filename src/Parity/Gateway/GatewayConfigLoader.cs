using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Parity.Gateway;

/// <summary>Reads <c>gateway.yaml</c>, checks it, and builds the <see cref="GatewaySetup"/>.</summary>
public static class GatewayConfigLoader
{
    /// <summary>Loads and checks a config file. Errors name the file and the field.</summary>
    /// <param name="path">The YAML file.</param>
    /// <param name="environment">Looks up environment variables (tests pass their own).</param>
    /// <param name="sqliteOverride">A SQLite path that replaces the config's (the CLI's <c>--db</c>, given explicitly).</param>
    /// <param name="defaultSqlite">The SQLite path when the config names none (the CLI's default <c>--db</c>).</param>
    /// <param name="serving">
    /// False for commands that only read the ledger or keys (<c>parity usage</c>, <c>parity gateway keys</c>):
    /// then the providers' API keys and the admin and metrics keys need not be set.
    /// </param>
    public static GatewaySetup Load(string path, Func<string, string?>? environment = null, string? sqliteOverride = null, string? defaultSqlite = null, bool serving = true)
    {
        if (!File.Exists(path))
        {
            throw new ParityException($"Gateway config '{path}' does not exist.");
        }

        GatewayConfig config;
        try
        {
            config = Parse(File.ReadAllText(path)) ?? new GatewayConfig();
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException?.Message ?? ex.Message;
            throw new ParityException($"{path}, line {ex.Start.Line}, column {ex.Start.Column}: {inner}", ex);
        }

        return Build(config, path, environment ?? Environment.GetEnvironmentVariable, sqliteOverride, defaultSqlite, serving);
    }

    /// <summary>The lease slices of <c>ledger.limits: leased</c> (null for <c>exact</c>), checked.</summary>
    private static LeaseOptions? LeaseOptionsOf(GatewayConfig.LedgerSection ledger, Func<string, string> where)
    {
        switch (ledger.Limits.Trim().ToLowerInvariant())
        {
            case "exact":
                return null;
            case "leased":
                break;
            default:
                throw new ParityException($"{where("ledger.limits")}: '{ledger.Limits}' is not a limits mode (leased, exact).");
        }

        if (!double.IsFinite(ledger.Lease.Slice) || ledger.Lease.Slice <= 0 || ledger.Lease.Slice > 1)
        {
            throw new ParityException($"{where("ledger.lease.slice")}: must be a fraction of a key's budget above 0 and at most 1 (e.g. 0.02).");
        }

        if (!double.IsFinite(ledger.Lease.Seconds) || ledger.Lease.Seconds < 2 || ledger.Lease.Seconds > 86_400)
        {
            throw new ParityException($"{where("ledger.lease.seconds")}: must be a number of seconds from 2 to 86400.");
        }

        return new LeaseOptions((decimal)ledger.Lease.Slice, TimeSpan.FromSeconds(ledger.Lease.Seconds));
    }

    /// <summary>Parses YAML text into the raw config.</summary>
    public static GatewayConfig? Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .WithCaseInsensitivePropertyMatching()
            .Build();
        return deserializer.Deserialize<GatewayConfig?>(yaml);
    }

    internal static GatewaySetup Build(GatewayConfig config, string path, Func<string, string?> env, string? sqliteOverride, string? defaultSqlite = null, bool serving = true)
    {
        string Where(string field) => $"{path}: {field}";

        var providers = new Dictionary<string, GatewayProvider>(StringComparer.Ordinal);
        for (var i = 0; i < config.Providers.Count; i++)
        {
            var p = config.Providers[i];
            var field = $"providers[{i}]";
            var name = Required(p.Name, Where(field + ".name"));
            if (providers.ContainsKey(name))
            {
                throw new ParityException($"{Where(field + ".name")}: provider '{name}' is defined twice.");
            }

            var baseUrlText = Required(p.BaseUrl, Where(field + ".baseUrl"));
            if (!Uri.TryCreate(baseUrlText, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            {
                throw new ParityException($"{Where(field + ".baseUrl")}: '{baseUrlText}' is not an http(s) URL.");
            }

            string? key = p.ApiKey;
            if (!string.IsNullOrWhiteSpace(p.ApiKeyEnv))
            {
                key = env(p.ApiKeyEnv);
                if (string.IsNullOrEmpty(key) && serving)
                {
                    throw new ParityException($"{Where(field + ".apiKeyEnv")}: the environment variable {p.ApiKeyEnv} (the API key of provider '{name}') is not set.");
                }

                key = string.IsNullOrEmpty(key) ? null : key; // not serving: the provider is never called
            }

            if (p.TimeoutSeconds <= 0)
            {
                throw new ParityException($"{Where(field + ".timeoutSeconds")}: must be positive.");
            }

            providers[name] = new GatewayProvider(name, baseUrl, string.IsNullOrEmpty(key) ? null : key, TimeSpan.FromSeconds(p.TimeoutSeconds));
        }

        var models = new Dictionary<string, GatewayModel>(StringComparer.Ordinal);
        for (var i = 0; i < config.Models.Count; i++)
        {
            var m = config.Models[i];
            var field = $"models[{i}]";
            var name = Required(m.Name, Where(field + ".name"));
            if (models.ContainsKey(name))
            {
                throw new ParityException($"{Where(field + ".name")}: model '{name}' is defined twice.");
            }

            var providerName = Required(m.Provider, Where(field + ".provider"));
            if (!providers.TryGetValue(providerName, out var provider))
            {
                throw new ParityException($"{Where(field + ".provider")}: no provider is named '{providerName}'.");
            }

            var upstreamModel = string.IsNullOrWhiteSpace(m.UpstreamModel) ? name : m.UpstreamModel;
            Catalog.CatalogModel? catalog = null;
            if (m.CatalogId is { } catalogId)
            {
                catalog = GatewayCatalog.Find(catalogId)
                    ?? throw new ParityException($"{Where(field + ".catalogId")}: no model '{catalogId}' in Parity's catalog (run 'parity models' for the ids).");
            }
            else if (m.Prices is null || m.Origin is null || m.OpenWeights is null || m.Vendor is null)
            {
                catalog = GatewayCatalog.Find(name) ?? GatewayCatalog.Find(upstreamModel);
            }

            ModelPrice? price = catalog is null ? null : GatewayCatalog.ListPrice(catalog, DateTimeOffset.UtcNow);
            if (m.Prices is { } prices)
            {
                if (prices.Input is not { } input || prices.Output is not { } output)
                {
                    throw new ParityException($"{Where(field + ".prices")}: give both input and output (USD per million tokens).");
                }

                if (input < 0 || output < 0 || prices.CachedInput < 0)
                {
                    throw new ParityException($"{Where(field + ".prices")}: prices cannot be negative.");
                }

                price = new ModelPrice(input, output, prices.CachedInput, $"config {Path.GetFileName(path)}");
            }

            (TokenEncoding Encoding, bool Known) tokenizer;
            try
            {
                tokenizer = PromptTokenizer.ForModel(m.Tokenizer, upstreamModel, catalog?.Id, name);
            }
            catch (ParityException ex)
            {
                throw new ParityException($"{Where(field + ".tokenizer")}: {ex.Message}", ex);
            }

            models[name] = new GatewayModel
            {
                Name = name,
                Provider = provider,
                UpstreamModel = upstreamModel,
                Vendor = m.Vendor ?? catalog?.Organization.Value.Name,
                Origin = (m.Origin ?? catalog?.Organization.Value.Country)?.ToUpperInvariant(),
                OpenWeights = m.OpenWeights ?? catalog?.OpenWeights?.Value,
                Price = price,
                Catalog = m.Prices is null ? catalog : null,
                CatalogId = catalog?.Id,
                Quality = new Dictionary<string, double>(m.Quality, StringComparer.OrdinalIgnoreCase),
                EvalModel = string.IsNullOrWhiteSpace(m.EvalModel) ? null : m.EvalModel.Trim(),
                Tokenizer = tokenizer.Encoding,
                TokenizerKnown = tokenizer.Known,
            };
        }

        string? postgres = config.Ledger.Postgres;
        if (!string.IsNullOrWhiteSpace(config.Ledger.PostgresEnv))
        {
            postgres = env(config.Ledger.PostgresEnv);
            if (string.IsNullOrWhiteSpace(postgres))
            {
                throw new ParityException($"{Where("ledger.postgresEnv")}: the environment variable {config.Ledger.PostgresEnv} is not set.");
            }
        }

        var sqlite = sqliteOverride
            ?? (config.Ledger.Sqlite is { } configured
                ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", configured)
                : defaultSqlite ?? Storage.ParityStore.DefaultFileName);

        // Eval results live where 'parity eval run' wrote them: the config's evals.sqlite, else the gateway's
        // SQLite store (the CLI's --db by default, as for 'parity eval run'), else (PostgreSQL ledger) the CLI's --db.
        string evalPath;
        if (config.Evals.Sqlite is { } evalsSqlite)
        {
            evalPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", evalsSqlite);
            if (!File.Exists(evalPath))
            {
                throw new ParityException($"{Where("evals.sqlite")}: the eval store '{Path.GetFullPath(evalPath)}' does not exist (it is relative to the config file).");
            }
        }
        else
        {
            evalPath = string.IsNullOrWhiteSpace(postgres) ? sqlite : defaultSqlite ?? Storage.ParityStore.DefaultFileName;
        }

        using var evalScores = new GatewayEvalScores(evalPath);
        var routes = new Dictionary<string, GatewayRoute>(StringComparer.Ordinal);
        for (var i = 0; i < config.Routes.Count; i++)
        {
            var r = config.Routes[i];
            var field = $"routes[{i}]";
            var name = Required(r.Name, Where(field + ".name"));
            if (routes.ContainsKey(name) || models.ContainsKey(name))
            {
                throw new ParityException($"{Where(field + ".name")}: '{name}' is already the name of a {(models.ContainsKey(name) ? "model" : "route")}.");
            }

            routes[name] = GatewayRouteConfig.Build(r, name, models, Where(field), evalScores, path);
        }

        string? adminKey = null;
        if (!string.IsNullOrWhiteSpace(config.Keys.AdminKeyEnv))
        {
            adminKey = env(config.Keys.AdminKeyEnv);
            if (string.IsNullOrEmpty(adminKey) && serving)
            {
                throw new ParityException($"{Where("keys.adminKeyEnv")}: the environment variable {config.Keys.AdminKeyEnv} (the admin API key) is not set.");
            }
        }

        if (config.Keys.DefaultMaxTokens <= 0)
        {
            throw new ParityException($"{Where("keys.defaultMaxTokens")}: must be positive.");
        }

        if (!double.IsFinite(config.Server.MaxBodyMB) || config.Server.MaxBodyMB <= 0 || config.Server.MaxBodyMB > 2047)
        {
            throw new ParityException($"{Where("server.maxBodyMB")}: must be a number of MB above 0 and at most 2047.");
        }

        string? metricsKey = null;
        if (!string.IsNullOrWhiteSpace(config.Server.MetricsKeyEnv))
        {
            metricsKey = env(config.Server.MetricsKeyEnv);
            if (string.IsNullOrEmpty(metricsKey) && serving)
            {
                throw new ParityException($"{Where("server.metricsKeyEnv")}: the environment variable {config.Server.MetricsKeyEnv} (the key for /metrics) is not set.");
            }
        }

        var breaker = BuildBreaker(config.Breaker, Where);
        var leases = LeaseOptionsOf(config.Ledger, Where);
        if (config.Ledger.BatchMilliseconds is < 10 or > 60_000)
        {
            throw new ParityException($"{Where("ledger.batchMilliseconds")}: must be from 10 to 60000 (how often a node writes its spool to PostgreSQL).");
        }

        return new GatewaySetup
        {
            ConfigPath = path,
            Providers = [.. providers.Values],
            Models = models,
            Routes = routes,
            SqlitePath = string.IsNullOrWhiteSpace(postgres) ? sqlite : null,
            PostgresConnectionString = string.IsNullOrWhiteSpace(postgres) ? null : postgres,
            Leases = string.IsNullOrWhiteSpace(postgres) ? null : leases,
            LedgerBatchInterval = TimeSpan.FromMilliseconds(config.Ledger.BatchMilliseconds),
            SpoolFolder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", config.Ledger.Spool ?? "ledger-spool"),
            KeysRequired = config.Keys.Required,
            AdminKey = string.IsNullOrEmpty(adminKey) ? null : adminKey,
            DefaultMaxTokens = config.Keys.DefaultMaxTokens,
            MaxBodyBytes = (long)(config.Server.MaxBodyMB * 1024 * 1024),
            MetricsKey = string.IsNullOrEmpty(metricsKey) ? null : metricsKey,
            Breaker = breaker,
        };
    }

    private static CircuitBreakerSettings BuildBreaker(GatewayConfig.BreakerSection b, Func<string, string> where)
    {
        if (!double.IsFinite(b.FailureRatio) || b.FailureRatio <= 0 || b.FailureRatio > 1)
        {
            throw new ParityException($"{where("breaker.failureRatio")}: must be above 0 and at most 1 (the share of failed calls that opens the breaker).");
        }

        if (b.MinimumThroughput < 2)
        {
            throw new ParityException($"{where("breaker.minimumThroughput")}: must be at least 2 calls.");
        }

        if (!double.IsFinite(b.SamplingSeconds) || b.SamplingSeconds < 0.5 || b.SamplingSeconds > 86400)
        {
            throw new ParityException($"{where("breaker.samplingSeconds")}: must be from 0.5 to 86400 seconds.");
        }

        if (!double.IsFinite(b.BreakSeconds) || b.BreakSeconds < 0.5 || b.BreakSeconds > 86400)
        {
            throw new ParityException($"{where("breaker.breakSeconds")}: must be from 0.5 to 86400 seconds.");
        }

        return new CircuitBreakerSettings
        {
            Enabled = b.Enabled,
            FailureRatio = b.FailureRatio,
            MinimumThroughput = b.MinimumThroughput,
            SamplingDuration = TimeSpan.FromSeconds(b.SamplingSeconds),
            BreakDuration = TimeSpan.FromSeconds(b.BreakSeconds),
        };
    }

    /// <summary>The value, or an error naming the missing field.</summary>
    internal static string Required(string? value, string where) =>
        string.IsNullOrWhiteSpace(value) ? throw new ParityException($"{where}: missing.") : value;
}
