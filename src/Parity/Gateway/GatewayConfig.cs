namespace Parity.Gateway;

/// <summary>
/// The gateway's configuration file (<c>gateway.yaml</c>) as written: upstream providers, the models
/// they serve, routes over those models, the ledger and the keys. <see cref="GatewayConfigLoader"/>
/// reads and checks it and turns it into a <see cref="GatewaySetup"/>.
/// </summary>
public sealed class GatewayConfig
{
    public LedgerSection Ledger { get; set; } = new();

    public KeysSection Keys { get; set; } = new();

    public EvalsSection Evals { get; set; } = new();

    public ServerSection Server { get; set; } = new();

    public BreakerSection Breaker { get; set; } = new();

    public List<ProviderSection> Providers { get; set; } = [];

    public List<ModelSection> Models { get; set; } = [];

    public List<RouteSection> Routes { get; set; } = [];

    /// <summary>Where the ledger, keys and budget state live.</summary>
    public sealed class LedgerSection
    {
        /// <summary>SQLite file (default <c>parity.db</c> beside the config, or the CLI's <c>--db</c>).</summary>
        public string? Sqlite { get; set; }

        /// <summary>A PostgreSQL connection string; takes the place of SQLite when set.</summary>
        public string? Postgres { get; set; }

        /// <summary>The environment variable holding a PostgreSQL connection string.</summary>
        public string? PostgresEnv { get; set; }

        /// <summary>
        /// PostgreSQL: <c>leased</c> (the default: each node admits against slices of a key's budget and
        /// limits it holds in memory) or <c>exact</c> (every request makes its round trips).
        /// </summary>
        public string Limits { get; set; } = "leased";

        /// <summary>
        /// PostgreSQL: the folder of this machine where a node spools ledger records before they are
        /// written to PostgreSQL in batches (relative to the config; default <c>ledger-spool</c>).
        /// </summary>
        public string? Spool { get; set; }

        /// <summary>PostgreSQL: how often a node writes its spooled records to PostgreSQL, in milliseconds (default 100).</summary>
        public int BatchMilliseconds { get; set; } = 100;

        /// <summary>The slices a node takes when <see cref="Limits"/> is <c>leased</c>.</summary>
        public LeaseSection Lease { get; set; } = new();
    }

    /// <summary>How large a slice of a key's budget and limits one node takes, and how long it holds it unrenewed.</summary>
    public sealed class LeaseSection
    {
        /// <summary>A slice as a fraction of the key's budget and of its requests per minute; default 0.02.</summary>
        public double Slice { get; set; } = 0.02;

        /// <summary>Seconds after which an unrenewed slice (a killed node's) goes back to the key; default 30.</summary>
        public double Seconds { get; set; } = 30;
    }

    /// <summary>Where <c>cheapest-meeting</c> routes read benchmark scores from Parity's own eval runs.</summary>
    public sealed class EvalsSection
    {
        /// <summary>
        /// The SQLite store <c>parity eval run</c> wrote to, relative to the config file. Default: the
        /// gateway's own SQLite store (the ledger's), or the CLI's <c>--db</c> when the ledger is PostgreSQL.
        /// </summary>
        public string? Sqlite { get; set; }
    }

    /// <summary>The HTTP edge: request size and who may read the metrics.</summary>
    public sealed class ServerSection
    {
        /// <summary>The largest request body, in MB (2^20 bytes), before a 413; default 32.</summary>
        public double MaxBodyMB { get; set; } = 32;

        /// <summary>The environment variable holding the key <c>GET /metrics</c> asks for (open without one).</summary>
        public string? MetricsKeyEnv { get; set; }
    }

    /// <summary>Circuit breaking per upstream model (see <see cref="CircuitBreakerSettings"/>).</summary>
    public sealed class BreakerSection
    {
        /// <summary>False turns circuit breaking off.</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>The share of failed calls (above 0, at most 1) that opens the breaker; default 0.5.</summary>
        public double FailureRatio { get; set; } = 0.5;

        /// <summary>The fewest calls in the window before the ratio counts (at least 2); default 10.</summary>
        public int MinimumThroughput { get; set; } = 10;

        /// <summary>Seconds over which calls are counted (at least 0.5); default 30.</summary>
        public double SamplingSeconds { get; set; } = 30;

        /// <summary>Seconds an open breaker skips the model before one probe call (at least 0.5); default 15.</summary>
        public double BreakSeconds { get; set; } = 15;
    }

    /// <summary>Virtual keys and the admin API.</summary>
    public sealed class KeysSection
    {
        /// <summary>When true (the default) every request needs a virtual key.</summary>
        public bool Required { get; set; } = true;

        /// <summary>The environment variable holding the admin API's key (the admin API is off without one).</summary>
        public string? AdminKeyEnv { get; set; }

        /// <summary>
        /// Tokens to reserve against the budget for a request that does not set <c>max_tokens</c>
        /// (the reservation is settled with the real cost when the request ends).
        /// </summary>
        public int DefaultMaxTokens { get; set; } = 4096;
    }

    /// <summary>An OpenAI-compatible upstream.</summary>
    public sealed class ProviderSection
    {
        public string? Name { get; set; }

        /// <summary>Base URL up to and including <c>/v1</c>, e.g. <c>https://api.deepseek.com/v1</c>.</summary>
        public string? BaseUrl { get; set; }

        /// <summary>The environment variable holding the provider's API key.</summary>
        public string? ApiKeyEnv { get; set; }

        /// <summary>The API key itself (prefer <see cref="ApiKeyEnv"/>).</summary>
        public string? ApiKey { get; set; }

        /// <summary>Seconds to wait for the upstream's response headers and first streamed event before falling back.</summary>
        public double TimeoutSeconds { get; set; } = 60;
    }

    /// <summary>A model the gateway offers, served by one provider.</summary>
    public sealed class ModelSection
    {
        /// <summary>The name clients use.</summary>
        public string? Name { get; set; }

        public string? Provider { get; set; }

        /// <summary>The provider's own name for the model (defaults to <see cref="Name"/>).</summary>
        public string? UpstreamModel { get; set; }

        /// <summary>The model's id or alias in Parity's catalog, for price, vendor, origin and openness.</summary>
        public string? CatalogId { get; set; }

        public string? Vendor { get; set; }

        /// <summary>Country of origin, ISO 3166 alpha-2 (US, CN, FR, …).</summary>
        public string? Origin { get; set; }

        public bool? OpenWeights { get; set; }

        /// <summary>USD per million tokens; overrides the catalog.</summary>
        public PriceSection? Prices { get; set; }

        /// <summary>Quality scores by name (e.g. <c>arena: 1420</c>, <c>mmlu: 0.88</c>) for <c>cheapest-meeting</c>.</summary>
        public Dictionary<string, double> Quality { get; set; } = [];

        /// <summary>
        /// The tokenizer prompt tokens are counted with for reservations: <c>o200k</c> or <c>cl100k</c>. Default: by
        /// model family (o200k for GPT-4o/4.1/5 and the o-series, cl100k for GPT-4 and GPT-3.5, o200k as an estimate for others).
        /// </summary>
        public string? Tokenizer { get; set; }

        /// <summary>
        /// The model's name in Parity's eval runs (<c>provider:model</c>, as given to <c>parity eval run --model</c>)
        /// when it is not <c>provider:upstreamModel</c>.
        /// </summary>
        public string? EvalModel { get; set; }
    }

    /// <summary>USD per million tokens.</summary>
    public sealed class PriceSection
    {
        public decimal? Input { get; set; }

        public decimal? Output { get; set; }

        public decimal? CachedInput { get; set; }
    }

    /// <summary>A policy over models that clients can name instead of a model.</summary>
    public sealed class RouteSection
    {
        public string? Name { get; set; }

        /// <summary><c>fixed</c>, <c>cheapest</c>, <c>cheapest-meeting</c>, <c>fallback</c>, <c>weighted</c> or <c>learned</c>.</summary>
        public string? Policy { get; set; }

        /// <summary>The models, in order (fallback) or as candidates (cheapest, cheapest-meeting, weighted).</summary>
        public List<string> Models { get; set; } = [];

        /// <summary>Weights for <c>weighted</c>, one per model.</summary>
        public List<double> Weights { get; set; } = [];

        /// <summary>For <c>cheapest-meeting</c>: the minimum score per quality name, e.g. <c>arena: 1400</c>.</summary>
        public Dictionary<string, double> Minimum { get; set; } = [];

        /// <summary>
        /// For <c>cheapest-meeting</c>: the minimum Arena rating, short for <c>minimum: { arena: … }</c>. A model's
        /// rating is its <c>quality.arena</c> when the config gives one, otherwise its catalog model's rating on the
        /// newest snapshot of Parity's shipped LMArena history.
        /// </summary>
        public double? MinArena { get; set; }

        /// <summary>The LMArena board ratings come from: <c>text</c> (default) or <c>text-style-control</c>.</summary>
        public string? ArenaBoard { get; set; }

        /// <summary>
        /// For <c>cheapest-meeting</c>: the eval run whose accuracies the minimum of its suite is checked against
        /// (default: per model, the newest run of that suite that scored the model).
        /// </summary>
        public string? EvalRun { get; set; }

        /// <summary>Whether to try the next candidate on 429, 5xx, timeout or connection error (default: true except for fixed).</summary>
        public bool? Fallback { get; set; }

        /// <summary>For <c>learned</c>: the router file <c>parity route train</c> wrote, relative to the config file.</summary>
        public string? Router { get; set; }

        /// <summary>For <c>learned</c>: the strong (expensive) model, one of the gateway's models.</summary>
        public string? Strong { get; set; }

        /// <summary>For <c>learned</c>: the weak (cheap) model.</summary>
        public string? Weak { get; set; }

        /// <summary>For <c>learned</c>: send a request to the strong model when the router's P(strong model wins) is at least this (0 to 1).</summary>
        public double? Threshold { get; set; }

        /// <summary>
        /// For <c>learned</c>, instead of <see cref="Threshold"/>: the share of calls to send to the strong model
        /// (above 0, below 1), turned into a threshold by the router file's score calibration.
        /// </summary>
        public double? StrongShare { get; set; }
    }
}
