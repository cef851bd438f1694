namespace Parity.Server.Dashboard;

/// <summary>
/// The dashboard's current <see cref="DashboardData"/>. A request looks at the store's files at most once per
/// check interval; when their content changed, the data are loaded again in the background while requests
/// keep getting the previous version, then swapped in whole (a page sees one version or the next, never a mix).
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
