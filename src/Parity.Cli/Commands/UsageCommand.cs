using System.CommandLine;
using System.Globalization;
using Parity.Gateway;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary><c>parity usage</c>: spend and token share from the gateway's ledger.</summary>
internal static class UsageCommand
{
    public static Command Create(CliContext context)
    {
        var by = new Option<string>("--by")
        {
            Description = "Group by: model|origin|vendor|key|route|decision (a learned route's choices, and the fallbacks that served instead)",
            DefaultValueFactory = _ => "model",
        };
        by.AcceptOnlyFromAmong("model", "origin", "vendor", "key", "route", "decision");
        var from = new Option<string?>("--from") { Description = "Start, inclusive (UTC date or ISO 8601 time, e.g. 2026-11-01)" };
        var to = new Option<string?>("--to") { Description = "End, exclusive (UTC date or ISO 8601 time)" };
        var config = GatewayCommand.ConfigOption(required: false);
        config.Description = "The gateway config: its ledger (SQLite or PostgreSQL) and model prices for the flagship comparison";
        var flagship = new Option<string?>("--flagship") { Description = "The model to price the same traffic at: a model of --config or any model of Parity's catalog (default: the configured US model with the highest list price, else gpt-5 from the catalog)" };
        var flagshipPrice = new Option<string?>("--flagship-price") { Description = "Flagship prices instead, USD per million tokens: input,output[,cached input]" };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);
        var command = new Command("usage", "Spend and token share from the gateway's usage ledger, grouped by model, origin, vendor, key or route — with the share of tokens that went to Chinese open-weight models and what the same traffic would have cost on a US flagship.")
        {
            by, from, to, config, flagship, flagshipPrice, format,
        };
        CliAction.Set(command, context, parse =>
        {
            GatewaySetup? setup = parse.GetValue(config) is { } configPath ? GatewayCommand.Load(parse, config, serving: false) : null;
            (string Name, ModelPrice Price)? reference = null;
            if (parse.GetValue(flagshipPrice) is { } priceText)
            {
                reference = (parse.GetValue(flagship) ?? "flagship", ParsePrice(priceText));
            }
            else if (parse.GetValue(flagship) is { } flagshipName)
            {
                reference = setup is not null && setup.Models.TryGetValue(flagshipName, out var model) && model.Price is not null
                    ? (model.Name, model.Price)
                    : CatalogFlagship(flagshipName)
                      ?? throw new ParityException($"--flagship: '{flagshipName}' is neither a priced model of the gateway config nor a model with prices in Parity's catalog (or give --flagship-price).");
            }
            else
            {
                reference = setup?.DefaultFlagship() ?? CatalogFlagship(DefaultFlagship);
            }

            using var store = setup is not null ? GatewayCommand.OpenStore(setup) : Storage.ParityStore.OpenSqlite(parse.GetValue(GlobalOptions.Db)!);
            var grouping = Enum.Parse<UsageGrouping>(parse.GetValue(by)!, ignoreCase: true);
            var summary = UsageReport.Build(store, grouping, ParseTime(parse.GetValue(from), "--from"), ParseTime(parse.GetValue(to), "--to"), reference);
            switch (parse.GetValue(format))
            {
                case OutputFormat.Json:
                    CliJson.Write(context.Writer, summary);
                    break;
                case OutputFormat.Csv:
                    WriteCsv(context.Writer, summary);
                    break;
                default:
                    WriteTable(context, summary);
                    break;
            }

            return 0;
        });
        return command;
    }

    /// <summary>The flagship when the config names no priced US model.</summary>
    private const string DefaultFlagship = "gpt-5";

    private static (string Name, ModelPrice Price)? CatalogFlagship(string idOrAlias)
    {
        var model = GatewayCatalog.Find(idOrAlias);
        return model is not null && GatewayCatalog.ListPrice(model, DateTimeOffset.UtcNow) is { } price ? (model.Id, price) : null;
    }

    private static void WriteTable(CliContext context, UsageSummary s)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(s.By);
        foreach (var column in new[] { "requests", "errors", "input tok", "output tok", "cached tok", "cost $", "token share", "cost share", "mean latency ms" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        foreach (var r in s.Rows)
        {
            table.AddRow(Markup.Escape(r.Group), N(r.Requests), N(r.Errors), N(r.InputTokens), N(r.OutputTokens), N(r.CachedTokens),
                Usd(r.CostUsd), Pct(r.TokenShare), Pct(r.CostShare), r.MeanLatencyMs.ToString("0.0", CultureInfo.InvariantCulture));
        }

        table.AddRow("[bold]total[/]", N(s.Requests), N(s.Errors), N(s.InputTokens), N(s.OutputTokens), N(s.CachedTokens), Usd(s.CostUsd), s.Requests > 0 ? "100%" : "", s.CostUsd > 0 ? "100%" : "", "");
        context.Console.Write(table);
        context.Console.WriteLine($"Chinese open-weight models: {Pct(s.ChineseOpenWeightTokenShare)} of tokens, ${Usd(s.ChineseOpenWeightCostUsd)} of spend.");
        if (s.Flagship is { } f)
        {
            var ratio = f.Ratio is { } x ? $" — {x.ToString("0.0", CultureInfo.InvariantCulture)}× what it cost" : "";
            context.Console.WriteLine($"The same tokens on {f.Model} (${f.Price.InputPerMillion}/M in, ${f.Price.OutputPerMillion}/M out; {f.Price.Source}): ${Usd(f.CostUsd)}{ratio}.");
        }
        else
        {
            context.Console.WriteLine("No flagship to compare with: give --config with a priced US model, --flagship or --flagship-price.");
        }
    }

    private static void WriteCsv(TextWriter writer, UsageSummary s)
    {
        writer.WriteLine($"{s.By},requests,errors,input_tokens,output_tokens,cached_tokens,cost_usd,token_share,cost_share,mean_latency_ms");
        foreach (var r in s.Rows)
        {
            var group = r.Group.Contains(',') || r.Group.Contains('"') ? "\"" + r.Group.Replace("\"", "\"\"") + "\"" : r.Group;
            writer.WriteLine(string.Join(',', group, r.Requests, r.Errors, r.InputTokens, r.OutputTokens, r.CachedTokens,
                r.CostUsd.ToString(CultureInfo.InvariantCulture), r.TokenShare.ToString("R", CultureInfo.InvariantCulture),
                r.CostShare.ToString("R", CultureInfo.InvariantCulture), r.MeanLatencyMs.ToString("0.###", CultureInfo.InvariantCulture)));
        }
    }

    private static ModelPrice ParsePrice(string text)
    {
        var parts = text.Split(',');
        var values = new List<decimal>();
        foreach (var part in parts)
        {
            if (!decimal.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < 0)
            {
                throw new ParityException($"--flagship-price: '{part}' is not a price (USD per million tokens).");
            }

            values.Add(v);
        }

        if (values.Count is < 2 or > 3)
        {
            throw new ParityException("--flagship-price: give input,output or input,output,cached input (USD per million tokens).");
        }

        return new ModelPrice(values[0], values[1], values.Count == 3 ? values[2] : null, "--flagship-price");
    }

    private static DateTimeOffset? ParseTime(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        throw new ParityException($"{option}: '{text}' is not a date or time (use e.g. 2026-11-01 or 2026-11-01T12:00:00Z).");
    }

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Usd(decimal v) => v.ToString(v < 1 ? "0.000000" : "0.00", CultureInfo.InvariantCulture);

    private static string Pct(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
