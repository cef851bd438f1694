using System.CommandLine;
using Parity.Server.Dashboard;

namespace Parity.Cli.Commands;

/// <summary><c>parity serve</c>: the live tracker dashboard (race, leaderboard, models, value, claims, usage, evals) and its JSON API.</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, semicolon-separated (e.g. http://127.0.0.1:5080)",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
        };
        var gatewayConfig = new Option<string?>("--gateway-config")
        {
            Description = "A gateway config (YAML) whose usage ledger the usage page sums",
        };
        var claims = new Option<string?>("--claims")
        {
            Description = "Check this claims file instead of the shipped data/claims/claims.yaml (re-read when it changes)",
        };
        var refresh = new Option<string?>("--refresh")
        {
            Description = "Run 'parity update --source all' on this schedule while serving, e.g. 6h, 30m (the pages follow the store)",
        };
        var feeds = new Option<string?>("--feeds-config")
        {
            Description = "With --refresh: a YAML file of feed addresses ('feeds: { arena: URL, litellm: URL, … }', as parity update --config)",
        };
        var command = new Command("serve",
            "Serve the live tracker: the race (gap over time with its 95% band), the leaderboard (filters, sort, CSV), model pages, value for money, " +
            "the claims tracker, the gateway's usage and eval runs, each page backed by JSON under /api/. Pages follow the store (--db) without a restart.")
        {
            urls, gatewayConfig, claims, refresh, feeds,
        };
        HelpWithNotes.Add(command,
            "Pages: / (race), /leaderboard, /model/ID, /value, /claims, /usage, /evals. API: /api/race, /api/leaderboard (and .csv), /api/model/ID, " +
            "/api/value, /api/claims (POST /api/claims/check to check an uploaded file), /api/usage, /api/evals, /api/version. " +
            "A bad query string answers 400 naming the parameter. Scripts and styles are served by the app: no CDN, no network.");
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            var gateway = parse.GetValue(gatewayConfig) is { } path ? Gateway.GatewayConfigLoader.Load(path, sqliteOverride: null, defaultSqlite: parse.GetValue(GlobalOptions.Db)) : null;
            var options = new DashboardOptions(Path.GetFullPath(parse.GetValue(GlobalOptions.Db)!), parse.GetValue(claims) is { } c ? Path.GetFullPath(c) : null, gateway);
            if (parse.GetValue(feeds) is not null && parse.GetValue(refresh) is null)
            {
                throw new ParityException("--feeds-config: only used with --refresh (give both, or run parity update --config).");
            }

            // Read the feed addresses now: a bad file is an error at start, not six hours later.
            var sources = UpdateCommand.Sources("all", [], parse.GetValue(feeds));
            (TimeSpan, Func<CancellationToken, Task>)? schedule = parse.GetValue(refresh) is { } every
                ? (Duration(every), async ct =>
                {
                    foreach (var r in await UpdateCommand.RunAsync(options.StorePath, sources, ct))
                    {
                        await context.Error.WriteLineAsync($"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z update {r.Summary}");
                    }
                })
                : null;
            await DashboardHost.RunAsync(options, parse.GetValue(urls)!, context.Error, schedule, cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>A duration such as <c>6h</c>, <c>30m</c>, <c>90s</c> or <c>1d</c>; at least a minute.</summary>
    internal static TimeSpan Duration(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t.Length >= 2 && double.TryParse(t[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            TimeSpan? span = t[^1] switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), 'd' => TimeSpan.FromDays(n), _ => null };
            if (span is { } d && d >= TimeSpan.FromMinutes(1))
            {
                return d;
            }
        }

        throw new ParityException($"--refresh: expected a duration of at least a minute such as 6h, 30m or 1d, got '{text}'.");
    }
}
