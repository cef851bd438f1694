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

            routes[name] = BuildRoute(r, name, models, Where(field), evalScores, path);
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

    private static GatewayRoute BuildRoute(GatewayConfig.RouteSection r, string name, Dictionary<string, GatewayModel> models, string where, GatewayEvalScores evalScores, string path)
    {
        var policyText = Required(r.Policy, where + ".policy");
        RoutePolicy policy = policyText.ToLowerInvariant() switch
        {
            "fixed" => RoutePolicy.Fixed,
            "cheapest" => RoutePolicy.Cheapest,
            "cheapest-meeting" => RoutePolicy.CheapestMeeting,
            "fallback" => RoutePolicy.Fallback,
            "weighted" => RoutePolicy.Weighted,
            "learned" => RoutePolicy.Learned,
            _ => throw new ParityException($"{where}.policy: '{policyText}' is not a policy (fixed, cheapest, cheapest-meeting, fallback, weighted, learned)."),
        };

        if (policy == RoutePolicy.Learned)
        {
            var learned = LearnedRouteLoader.Load(r, name, models, where, path, r.Fallback ?? true);
            return new GatewayRoute(name, policy, [learned.Weak, learned.Strong], [], r.Fallback ?? true) { Learned = learned };
        }

        if (r.Models.Count == 0)
        {
            throw new ParityException($"{where}.models: route '{name}' lists no models.");
        }

        var candidates = new List<GatewayModel>();
        List<string> excluded = [];
        List<string> scores = [];
        Dictionary<string, string>? met = null;
        foreach (var modelName in r.Models)
        {
            if (!models.TryGetValue(modelName, out var model))
            {
                throw new ParityException($"{where}.models: no model is named '{modelName}'.");
            }

            candidates.Add(model);
        }

        var weights = new List<double>();
        if (policy == RoutePolicy.Weighted)
        {
            if (r.Weights.Count != candidates.Count)
            {
                throw new ParityException($"{where}.weights: give one weight per model ({candidates.Count}), got {r.Weights.Count}.");
            }

            if (r.Weights.Any(w => w < 0 || double.IsNaN(w)) || r.Weights.Sum() <= 0)
            {
                throw new ParityException($"{where}.weights: weights must be non-negative and not all zero.");
            }

            weights.AddRange(r.Weights);
        }

        if (policy is RoutePolicy.Cheapest or RoutePolicy.CheapestMeeting)
        {
            var unpriced = candidates.FirstOrDefault(m => m.Price is null);
            if (unpriced is not null)
            {
                throw new ParityException($"{where}.models: model '{unpriced.Name}' has no price (give prices: input/output in its entry, or a catalogId the catalog knows), so route '{name}' cannot rank it.");
            }

            if (policy == RoutePolicy.CheapestMeeting)
            {
                (candidates, excluded, met) = MeetingBar(r, name, candidates, where, evalScores);
            }

            candidates = [.. candidates.OrderBy(m => m.Price!.Blended).ThenBy(m => m.Name, StringComparer.Ordinal)];
            if (met is not null)
            {
                scores = [.. candidates.Select(m => $"{m.Name}: {met[m.Name]}")];
            }
        }

        var fallback = r.Fallback ?? policy != RoutePolicy.Fixed;
        return new GatewayRoute(name, policy, candidates, weights, fallback) { Excluded = excluded, Scores = scores };
    }

    private const string ArenaScore = "arena";

    /// <summary>
    /// The candidates of a <c>cheapest-meeting</c> route that meet every minimum. A score comes from the model's
    /// <c>quality</c> in the config; an <c>arena</c> score the config does not give comes from the newest shipped
    /// LMArena snapshot of the route's board, through the model's catalog id; any other score the config does not
    /// give is the model's accuracy on the eval suite of that name, from the route's <c>evalRun</c> or the newest
    /// run in the eval store that scored the model. A model without a score does not meet the bar.
    /// </summary>
    private static (List<GatewayModel> Meeting, List<string> Excluded, Dictionary<string, string> Met) MeetingBar(GatewayConfig.RouteSection r, string name, List<GatewayModel> candidates, string where, GatewayEvalScores evalScores)
    {
        var minimum = new Dictionary<string, double>(r.Minimum, StringComparer.OrdinalIgnoreCase);
        var barField = where + ".minimum";
        if (r.MinArena is { } minArena)
        {
            if (minimum.ContainsKey(ArenaScore))
            {
                throw new ParityException($"{where}.minArena: route '{name}' also has minimum.arena; give one of them.");
            }

            minimum[ArenaScore] = minArena;
            barField = r.Minimum.Count == 0 ? where + ".minArena" : barField;
        }

        if (minimum.Count == 0)
        {
            throw new ParityException($"{barField}: a cheapest-meeting route needs at least one minimum score, e.g. 'minArena: 1400' or 'minimum: {{ arena: 1400 }}'.");
        }

        ArenaBoardRatings? board = null;
        if (r.ArenaBoard is not null || minimum.ContainsKey(ArenaScore))
        {
            var boardName = r.ArenaBoard ?? Arena.LeaderboardHistory.TextBoard;
            if (boardName is not (Arena.LeaderboardHistory.TextBoard or Arena.LeaderboardHistory.StyleControlBoard))
            {
                throw new ParityException($"{where}.arenaBoard: '{boardName}' is not a board (text, text-style-control).");
            }

            if (minimum.ContainsKey(ArenaScore) && candidates.Any(m => !m.Quality.ContainsKey(ArenaScore)))
            {
                board = GatewayArenaRatings.For(boardName);
            }
        }

        Evals.EvalRunInfo? evalRun = null;
        if (!string.IsNullOrWhiteSpace(r.EvalRun))
        {
            evalRun = evalScores.FindRun(r.EvalRun)
                ?? throw new ParityException($"{where}.evalRun: no eval run is named '{r.EvalRun}' ({evalScores.Describe(names: true)}).");
            if (!minimum.ContainsKey(evalRun.Suite))
            {
                throw new ParityException($"{where}.evalRun: run '{evalRun.Name}' is a run of suite '{evalRun.Suite}', but route '{name}' has no minimum.{evalRun.Suite}.");
            }
        }

        // Benchmark minimums: a name some model has no config score for is read from the eval store, as an
        // accuracy (0 to 1); a name neither the config nor the store knows is a mistake, not a bar nobody meets.
        var fromEvals = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, min) in minimum)
        {
            if (key.Equals(ArenaScore, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var field = $"{where}.minimum.{key}";
            var needsData = candidates.Any(m => !m.Quality.ContainsKey(key));
            var inStore = needsData && (string.Equals(evalRun?.Suite, key, StringComparison.OrdinalIgnoreCase) || evalScores.HasSuite(key));
            if (inStore || Evals.SuiteLoader.BuiltInNames.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                if (double.IsNaN(min) || min is < 0 or > 1)
                {
                    throw new ParityException($"{field}: {min.ToString(System.Globalization.CultureInfo.InvariantCulture)} is not an accuracy; {key} scores are fractions from 0 to 1 (write 0.9 for 90%).");
                }

                if (candidates.FirstOrDefault(m => m.Quality.TryGetValue(key, out var q) && (double.IsNaN(q) || q is < 0 or > 1)) is { } model)
                {
                    throw new ParityException($"{field}: model '{model.Name}' has quality.{key} {model.Quality[key].ToString(System.Globalization.CultureInfo.InvariantCulture)}, but {key} scores are fractions from 0 to 1 (write 0.9 for 90%).");
                }
            }

            if (needsData && !inStore && candidates.All(m => !m.Quality.ContainsKey(key)))
            {
                throw new ParityException($"{field}: no model of route '{name}' has quality.{key}, and no eval run of suite '{key}' is in the store ({evalScores.Describe(names: false)}); run 'parity eval run --suite {key}' into that store (or set evals.sqlite), or give the models quality.{key}.");
            }

            if (inStore)
            {
                fromEvals.Add(key);
            }
        }

        var meeting = new List<GatewayModel>();
        var excluded = new List<string>();
        var scores = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var model in candidates)
        {
            var reasons = new List<string>();
            var met = new List<string>();
            foreach (var (key, min) in minimum)
            {
                string source;
                double score;
                string? text = null;
                if (model.Quality.TryGetValue(key, out var configured))
                {
                    (score, source) = (configured, "config");
                }
                else if (key.Equals(ArenaScore, StringComparison.OrdinalIgnoreCase) && board is not null)
                {
                    if (model.CatalogId is null)
                    {
                        reasons.Add($"no {key} score (not in its quality, and it has no catalogId to look up in {board.Describe()})");
                        continue;
                    }

                    if (!board.ByCatalogId.TryGetValue(model.CatalogId, out var rated))
                    {
                        reasons.Add($"no {key} score (not in its quality, and catalog model '{model.CatalogId}' has no rating on the {board.Describe()})");
                        continue;
                    }

                    (score, source) = (rated.Rating, $"{board.Describe()}, {rated.ModelKey}");
                }
                else if (fromEvals.Contains(key))
                {
                    var run = string.Equals(evalRun?.Suite, key, StringComparison.OrdinalIgnoreCase) ? evalRun : null;
                    var (found, missing) = evalScores.Find(key, model, run);
                    if (found is null)
                    {
                        reasons.Add(missing!);
                        continue;
                    }

                    (score, source, text) = (found.Accuracy, found.Source(), found.Describe());
                }
                else
                {
                    reasons.Add($"no {key} score in its quality, and no eval run of suite '{key}' is in '{evalScores.Location}'");
                    continue;
                }

                var format = key.Equals(ArenaScore, StringComparison.OrdinalIgnoreCase) ? "0.0" : "0.###";
                text ??= $"{key} {score.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}";
                if (score >= min)
                {
                    met.Add($"{text} ({source})");
                }
                else
                {
                    reasons.Add($"{text} < {min.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({source})");
                }
            }

            if (reasons.Count == 0)
            {
                meeting.Add(model);
                scores[model.Name] = string.Join("; ", met);
            }
            else
            {
                excluded.Add($"{model.Name}: {string.Join("; ", reasons)}");
            }
        }

        if (meeting.Count == 0)
        {
            var bar = string.Join(", ", minimum.Select(kv => $"{kv.Key} >= {kv.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
            throw new ParityException($"{barField}: no model of route '{name}' has a known score meeting {bar}: {string.Join("; ", excluded.Select(e => e.Replace("; ", ", ", StringComparison.Ordinal)))}.");
        }

        return (meeting, excluded, scores);
    }

    private static string Required(string? value, string where) =>
        string.IsNullOrWhiteSpace(value) ? throw new ParityException($"{where}: missing.") : value;
}
