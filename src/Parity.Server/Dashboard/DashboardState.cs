namespace Parity.Server.Dashboard;

/// <summary>
/// The dashboard's current <see cref="DashboardData"/>. A request looks at the store's files at most once per
/// check interval; when their content changed, the data are loaded again in the background while requests
/// keep getting the previous version, the answers the pages ask for first are computed, then the new version is swapped in
/// whole (a page sees one version or the next, never a mix; its first visit is a cache hit).
/// </summary>
internal sealed class DashboardState
{
    private readonly DashboardOptions _options;
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private DashboardData _data;
    private string _stat;
    private long _nextCheck;
    private Task? _reload;

    public DashboardState(DashboardOptions options)
    {
        _options = options;
        _interval = options.CheckInterval ?? TimeSpan.FromSeconds(1);
        _stat = StoreFingerprint.Stat(options);
        _data = DashboardData.Load(options, 1, StoreFingerprint.ContentKey(options));
        _nextCheck = Environment.TickCount64 + (long)_interval.TotalMilliseconds;
        Prime(_data);
    }

    public DashboardOptions Options => _options;

    /// <summary>The last error met while reloading (the previous data stay served), or null.</summary>
    public string? ReloadError { get; private set; }

    /// <summary>The data to answer with.</summary>
    public DashboardData Current
    {
        get
        {
            var now = Environment.TickCount64;
            if (now >= Volatile.Read(ref _nextCheck))
            {
                Check(now);
            }

            return Volatile.Read(ref _data);
        }
    }

    /// <summary>Waits for a reload in progress (tests, and <c>parity update</c> run in-process).</summary>
    public async Task SettleAsync()
    {
        Check(Environment.TickCount64, force: true);
        if (_reload is { } task)
        {
            await task;
        }
    }

    private void Check(long now, bool force = false)
    {
        lock (_gate)
        {
            if (!force && now < _nextCheck)
            {
                return;
            }

            _nextCheck = now + (long)_interval.TotalMilliseconds;
            if (_reload is { IsCompleted: false })
            {
                return;
            }

            var stat = StoreFingerprint.Stat(_options);
            if (stat == _stat)
            {
                return;
            }

            _stat = stat;
            var previous = _data;
            _reload = Task.Run(() => Reload(previous));
        }
    }

    /// <summary>
    /// Computes the answers every page asks for first (the race on both boards, the newest leaderboard, value, claims),
    /// so that the first visit after a start or a store change is a cache hit rather than a 50–150 ms computation.
    /// </summary>
    private void Prime(DashboardData data)
    {
        try
        {
            var none = QueryCollection.Empty;
            foreach (var board in data.Series.Keys)
            {
                RaceApi.Answer(data, new QueryCollection(new Dictionary<string, Microsoft.Extensions.Primitives.StringValues> { ["board"] = board }));
            }

            RaceApi.Answer(data, none);
            LeaderboardApi.Answer(data, none);
            ValueApi.Answer(data, none);
            ClaimsApi.Answer(data, _options, none);
        }
        catch (Exception ex) when (ex is ParityException or BadQueryException)
        {
            // A page computes its own answer (and reports the error) when asked.
        }
    }

    private void Reload(DashboardData previous)
    {
        try
        {
            var key = StoreFingerprint.ContentKey(_options);
            if (key == previous.ContentKey)
            {
                return;
            }

            var next = DashboardData.Load(_options, previous.Version + 1, key);
            Prime(next);
            Volatile.Write(ref _data, next);
            ReloadError = null;
        }
        catch (Exception ex) when (ex is ParityException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            // A store mid-write or a claims file being edited: keep serving what was loaded, try again on the next change.
            ReloadError = ex.Message;
            lock (_gate)
            {
                _stat = "";
            }
        }
    }
}
