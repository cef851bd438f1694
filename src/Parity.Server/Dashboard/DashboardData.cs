using System.Collections.Concurrent;
using Parity.Analysis;
using Parity.Arena;
using Parity.Catalog;
using Parity.Claims;
using Parity.Evals;
using Parity.Reports;
using Parity.Storage;

namespace Parity.Server.Dashboard;

/// <summary>
/// Everything the dashboard shows, loaded from one version of the store: the leaderboard history (one
/// source per era, catalog facts filled in), the catalog, the claims' verdicts and the eval runs. Immutable
/// once loaded; the answers computed from it are kept per request (see <see cref="Cached"/>), so a repeated
/// request is a dictionary lookup and a write.
/// </summary>
internal sealed class DashboardData
{
    /// <summary>At most this many distinct answers are kept per version (the query space — dates, filters — is open-ended).</summary>
    private const int MaxCachedAnswers = 2048;

    private readonly ConcurrentDictionary<string, byte[]> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Board, DateOnly Date), IReadOnlyList<LeaderboardRow>> _rows = new();

    private DashboardData(string storePath, long version, string contentKey, DateTimeOffset loadedAt, ReportInputs inputs, ModelCatalog catalog,
        IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> series, ClaimsReport claims, IReadOnlyList<EvalReport> evals)
    {
        StorePath = storePath;
        Version = version;
        ContentKey = contentKey;
        LoadedAt = loadedAt;
        Inputs = inputs;
        Catalog = catalog;
        Series = series;
        Claims = claims;
        Evals = evals;
    }

    /// <summary>The SQLite store the data were read from (it may not exist: then only the shipped data).</summary>
    public string StorePath { get; }

    /// <summary>Increases by one each time the store's content changes.</summary>
    public long Version { get; }

    /// <summary>What the store held when loaded (see <see cref="StoreFingerprint.ContentKey"/>).</summary>
    public string ContentKey { get; }

    public DateTimeOffset LoadedAt { get; }

    public ReportInputs Inputs { get; }

    public ModelCatalog Catalog { get; }

    /// <summary>Per board, the one-source-per-era snapshots with catalog facts, oldest first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> Series { get; }

    /// <summary>The claims file checked on the newest data: every claim and tracker headline.</summary>
    public ClaimsReport Claims { get; }

    public IReadOnlyList<EvalReport> Evals { get; }

    /// <summary>Loads the store at <paramref name="options"/>; the shipped data alone when the store file does not exist.</summary>
    public static DashboardData Load(DashboardOptions options, long version, string contentKey)
    {
        var now = DateTimeOffset.UtcNow;
        ModelCatalog catalog;
        IReadOnlyList<EvalReport> evals = [];
        var boards = ShippedBoards.Value;
        if (File.Exists(options.StorePath))
        {
            using var store = ParityStore.OpenSqlite(options.StorePath);
            catalog = ModelCatalog.Load(store);
            var stored = ArenaSnapshotStore.Load(store, Organizations.Value);
            if (stored.Count > 0)
            {
                boards = ShippedHistory.From(ShippedLeaderboards.Value.With(stored));
            }

            var evalStore = new EvalStore(store);
            evals = evalStore.Runs().Select(r => EvalReportBuilder.Build(r, evalStore.Results(r.Id))).ToList();
        }
        else
        {
            catalog = ModelCatalog.Shipped;
        }

        var inputs = ReportData.Create(boards, catalog, options.ClaimsFile, now);
        var series = ReportBuilder.ClaimSeries(inputs);
        var claims = CheckClaims(inputs, new ClaimSet(inputs.ClaimsFile, inputs.Claims, inputs.Trackers ?? []), inputs.ClaimsFile, null, series);
        return new DashboardData(options.StorePath, version, contentKey, now, inputs, catalog, series, claims, evals);
    }

    /// <summary>Checks a claims set on the data as of the end of <paramref name="asOf"/> (the newest data when null).</summary>
    public ClaimsReport CheckClaims(ClaimSet set, string file, DateOnly? asOf) => CheckClaims(Inputs, set, file, asOf, Series);

    private static ClaimsReport CheckClaims(ReportInputs inputs, ClaimSet set, string file, DateOnly? asOf, IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> series)
    {
        var data = ReportBuilder.ClaimDataOf(inputs, asOf is { } day ? ReportBuilder.EndOf(day) : null);
        var sources = series.Select(kv => $"{kv.Key} board: {kv.Value.Count} snapshots {kv.Value[0].Date:yyyy-MM-dd} → {kv.Value[^1].Date:yyyy-MM-dd} (data/arena and parity update, one source per era)")
            .Concat(inputs.Evidence is { } evidence ? evidence.Files.Select(f => $"{f.Key}: {f.Value}") : [])
            .ToList();
        return ClaimChecker.Report(set, file, data, sources);
    }

    /// <summary>The shipped leaderboard history never changes while the process runs: read once; the store's snapshots (<c>parity update</c>) are added per version.</summary>
    private static readonly Lazy<OrganizationTable> Organizations = new(OrganizationTable.LoadShipped);

    private static readonly Lazy<LeaderboardHistory> ShippedLeaderboards = new(() => LeaderboardHistory.LoadShipped(Organizations.Value));

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>>> ShippedBoards = new(() => ShippedHistory.From(ShippedLeaderboards.Value));

    /// <summary>The answer for <paramref name="key"/>, computed once per version.</summary>
    public byte[] Cached(string key, Func<byte[]> compute)
    {
        if (_answers.TryGetValue(key, out var bytes))
        {
            return bytes;
        }

        bytes = compute();
        if (_answers.Count < MaxCachedAnswers)
        {
            _answers.TryAdd(key, bytes);
        }

        return bytes;
    }

    /// <summary>The leaderboard rows of one snapshot, computed once per version.</summary>
    public IReadOnlyList<LeaderboardRow> Rows(string board, DateOnly date, Func<RatingSnapshot, IReadOnlyList<LeaderboardRow>> compute) =>
        _rows.GetOrAdd((board, date), k => compute(Snapshot(k.Board, k.Date, "snapshot")));

    /// <summary>The snapshots of a board; a board the store has no data for is a bad <c>board</c> parameter.</summary>
    public IReadOnlyList<RatingSnapshot> Board(string board) =>
        Series.TryGetValue(board, out var snapshots) && snapshots.Count > 0
            ? snapshots
            : throw new BadQueryException("board", $"board '{board}' has no snapshots; known: {string.Join(", ", Series.Keys)}.");

    /// <summary>The snapshot of <paramref name="board"/> on <paramref name="date"/> (the newest when null).</summary>
    public RatingSnapshot Snapshot(string board, DateOnly? date, string parameter)
    {
        var snapshots = Board(board);
        if (date is null)
        {
            return snapshots[^1];
        }

        foreach (var s in snapshots)
        {
            if (s.Date == date)
            {
                return s;
            }
        }

        var before = snapshots.LastOrDefault(s => s.Date < date)?.Date;
        var after = snapshots.FirstOrDefault(s => s.Date > date)?.Date;
        throw new BadQueryException(parameter, $"the {board} board has no snapshot on {date:yyyy-MM-dd}" +
            (before is null && after is null ? "." : $"; nearest: {string.Join(", ", new[] { before, after }.Where(d => d is not null).Select(d => d!.Value.ToString("yyyy-MM-dd")))}."));
    }

    /// <summary>How old the data are: the newest snapshot of each board and the newest price feed.</summary>
    public object Freshness() => new
    {
        version = Version,
        loadedAt = LoadedAt,
        boards = Series.ToDictionary(kv => kv.Key, kv => new { newest = kv.Value[^1].Date, source = kv.Value[^1].Source }),
        prices = Catalog.Sources.OrderByDescending(s => s.SourceDate, StringComparer.Ordinal).Select(s => new { s.Label, s.SourceDate, s.Origin, s.ImportedAt }).FirstOrDefault(),
    };
}
