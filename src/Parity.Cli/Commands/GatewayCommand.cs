using System.CommandLine;
using Parity.Gateway;
using Parity.Server.Gateway;

namespace Parity.Cli.Commands;

/// <summary><c>parity gateway</c>: runs the OpenAI-compatible gateway, and manages its virtual keys.</summary>
internal static class GatewayCommand
{
    public static Command Create(CliContext context)
    {
        var config = ConfigOption(required: true);
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen, semicolon-separated (e.g. http://127.0.0.1:8080)",
            DefaultValueFactory = _ => "http://127.0.0.1:8080",
        };
        var ioThreads = new Option<int?>("--io-threads")
        {
            Description = "Socket threads, which also run the requests (default: one per core). When several nodes share "
                + "a machine, give each its share of the cores: two nodes on 2 cores take 1 each (docs/gateway.md)",
        };
        ioThreads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1 or > 256)
            {
                result.AddError("--io-threads must be between 1 and 256.");
            }
        });
        var command = new Command("gateway", "Run the OpenAI-compatible gateway: routes each request to the cheapest good-enough model, with fallbacks, virtual keys, budgets, a usage ledger and Prometheus metrics.")
        {
            config,
            urls,
            ioThreads,
        };
        CliAction.Set(command, context, async (parse, cancellationToken) =>
        {
            var setup = Load(parse, config);
            GatewayHost.PreferInlineIo(setup, parse.GetValue(ioThreads)); // before any socket: the settings are read once per process
            await GatewayHost.RunAsync(setup, parse.GetValue(urls)!, context.Error, cancellationToken);
            return 0;
        });
        command.Subcommands.Add(KeysCommand(context));
        return command;
    }

    /// <summary>The gateway config the command reads.</summary>
    internal static Option<string> ConfigOption(bool required) => new("--config")
    {
        Description = "The gateway config file (YAML: providers, models, routes, ledger, keys)",
        Required = required,
    };

    /// <summary>
    /// Loads the config; an explicit <c>--db</c> replaces the config's SQLite ledger. With
    /// <paramref name="serving"/> false (commands that read only the ledger or keys) the providers' API keys need not be set.
    /// </summary>
    internal static GatewaySetup Load(ParseResult parse, Option<string> config, bool serving = true)
    {
        var db = parse.GetValue(GlobalOptions.Db);
        var explicitDb = parse.GetResult(GlobalOptions.Db) is { Implicit: false };
        return GatewayConfigLoader.Load(parse.GetValue(config)!, sqliteOverride: explicitDb ? db : null, defaultSqlite: db, serving: serving);
    }

    private static Command KeysCommand(CliContext context)
    {
        var keys = new Command("keys", "Issue, list and revoke the gateway's virtual keys (in the ledger's store).");
        var config = ConfigOption(required: true);
        var name = new Option<string>("--name") { Description = "Who or what the key is for", Required = true };
        var budget = new Option<decimal?>("--budget") { Description = "Budget in US dollars per period (none: no budget)" };
        var period = new Option<string>("--period") { Description = "Budget period: day|week|month|total", DefaultValueFactory = _ => "month" };
        period.AcceptOnlyFromAmong("day", "week", "month", "total");
        var rpm = new Option<int?>("--rpm") { Description = "Requests per minute (none: no limit)" };
        var tpm = new Option<int?>("--tpm") { Description = "Tokens per minute (none: no limit)" };
        var create = new Command("create", "Issue a key. Its secret is printed once; only its SHA-256 is stored.") { config, name, budget, period, rpm, tpm };
        CliAction.Set(create, context, parse =>
        {
            using var store = OpenStore(Load(parse, config, serving: false));
            var (key, secret) = new VirtualKeyStore(store).Create(parse.GetValue(name)!, parse.GetValue(budget),
                BudgetPeriods.Parse(parse.GetValue(period)!, "--period"), parse.GetValue(rpm), parse.GetValue(tpm), DateTimeOffset.UtcNow);
            CliJson.Write(context.Writer, new { key.Id, key.Name, Key = secret, key.BudgetUsd, Period = key.Period, key.Rpm, key.Tpm });
            return 0;
        });

        var listConfig = ConfigOption(required: true);
        var list = new Command("list", "List the keys (never their secrets).") { listConfig };
        CliAction.Set(list, context, parse =>
        {
            using var store = OpenStore(Load(parse, listConfig, serving: false));
            CliJson.Write(context.Writer, new VirtualKeyStore(store).List());
            return 0;
        });

        var revokeConfig = ConfigOption(required: true);
        var id = new Argument<string>("id") { Description = "The key's id (key_…)" };
        var revoke = new Command("revoke", "Revoke a key.") { revokeConfig, id };
        CliAction.Set(revoke, context, parse =>
        {
            using var store = OpenStore(Load(parse, revokeConfig, serving: false));
            var keyId = parse.GetValue(id)!;
            if (!new VirtualKeyStore(store).Revoke(keyId, DateTimeOffset.UtcNow))
            {
                throw new ParityException($"No key has the id '{keyId}'.");
            }

            context.Writer.WriteLine($"revoked {keyId}");
            return 0;
        });

        keys.Subcommands.Add(create);
        keys.Subcommands.Add(list);
        keys.Subcommands.Add(revoke);
        return keys;
    }

    internal static Storage.ParityStore OpenStore(GatewaySetup setup) =>
        setup.PostgresConnectionString is { } pg ? Storage.ParityStore.OpenPostgres(pg) : Storage.ParityStore.OpenSqlite(setup.SqlitePath!);
}
