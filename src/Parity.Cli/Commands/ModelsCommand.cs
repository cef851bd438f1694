using System.CommandLine;
using System.Globalization;
using Parity.Catalog;

namespace Parity.Cli.Commands;

/// <summary><c>parity models</c>: browse the catalog; <c>parity models show</c>: every fact of one model with its source.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliContext context)
    {
        var origin = new Option<string?>("--origin") { Description = "Only models whose maker is from this country (ISO code: US, CN, FR, …; several separated by commas)" };
        var open = new Option<bool>("--open") { Description = "Only open-weight models" };
        var closed = new Option<bool>("--closed") { Description = "Only models without published weights" };
        var vendor = new Option<string?>("--vendor") { Description = "Only models of this maker (any spelling: DeepSeek, Zhipu, Z.ai, Qwen, …)" };
        var search = new Option<string?>("--search") { Description = "Only models whose id, name or an alias contains this text" };
        var sort = new Option<string>("--sort")
        {
            Description = "Order: price (blended 3:1 input:output list price, cheapest first), context (largest first), released (newest first), name",
            DefaultValueFactory = _ => "name",
        };
        sort.AcceptOnlyFromAmong("price", "context", "released", "name");
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json, OutputFormat.Csv);

        var command = new Command("models", "List the model catalog: maker and country, open weights, architecture, context window, release date and list prices (USD per million tokens).");
        command.Options.Add(origin);
        command.Options.Add(open);
        command.Options.Add(closed);
        command.Options.Add(vendor);
        command.Options.Add(search);
        command.Options.Add(sort);
        command.Options.Add(format);
        command.Validators.Add(result =>
        {
            if (result.GetValue(open) && result.GetValue(closed))
            {
                result.AddError("--open and --closed exclude each other.");
            }
        });
        CliAction.Set(command, context, parseResult =>
        {
            var catalog = CatalogLoader.Load(parseResult);
            var now = DateTimeOffset.UtcNow;
            IEnumerable<CatalogModel> models = catalog.Models;
            if (parseResult.GetValue(origin) is { Length: > 0 } countries)
            {
                var set = countries.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant()).ToHashSet();
                models = models.Where(m => set.Contains(m.Organization.Value.Country));
            }

            if (parseResult.GetValue(open))
            {
                models = models.Where(m => m.OpenWeights?.Value == true);
            }

            if (parseResult.GetValue(closed))
            {
                models = models.Where(m => m.OpenWeights?.Value == false);
            }

            if (parseResult.GetValue(vendor) is { Length: > 0 } vendorName)
            {
                var organization = catalog.Organizations.Resolve(vendorName);
                models = organization is not null
                    ? models.Where(m => m.Organization.Value == organization)
                    : models.Where(m => m.Organization.Value.Name.Contains(vendorName, StringComparison.OrdinalIgnoreCase));
            }

            if (parseResult.GetValue(search) is { Length: > 0 } text)
            {
                models = models.Where(m => m.Id.Contains(text, StringComparison.OrdinalIgnoreCase)
                    || m.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                    || m.Aliases.Any(a => a.Contains(text, StringComparison.OrdinalIgnoreCase)));
            }

            models = parseResult.GetValue(sort) switch
            {
                "price" => models.OrderBy(m => m.BlendedPrice(now) ?? decimal.MaxValue).ThenBy(m => m.Id, StringComparer.Ordinal),
                "context" => models.OrderByDescending(m => m.ContextWindow?.Value ?? -1).ThenBy(m => m.Id, StringComparer.Ordinal),
                "released" => models.OrderByDescending(m => m.Released?.Value ?? DateOnly.MinValue).ThenBy(m => m.Id, StringComparer.Ordinal),
                _ => models.OrderBy(m => m.Id, StringComparer.Ordinal),
            };

            var rows = models.Select(m => ModelSummary.From(m, now)).ToList();
            switch (parseResult.GetValue(format))
            {
                case OutputFormat.Json:
                    context.Writer.WriteLine(System.Text.Json.JsonSerializer.Serialize(rows, CatalogJsonContext.CliOptions));
                    break;
                case OutputFormat.Csv:
                    WriteCsv(context.Writer, rows);
                    break;
                default:
                    WriteTable(context, rows);
                    break;
            }

            return 0;
        });

        command.Subcommands.Add(ModelShowCommand.Create(context));
        return command;
    }

    private static void WriteTable(CliContext context, List<ModelSummary> rows)
    {
        var table = new PlainTable("id", "vendor", "origin", "weights", "architecture", "context", "released", "in $/Mtok", "out $/Mtok", "price from").RightAlign(5, 7, 8);
        foreach (var m in rows)
        {
            var arch = m.Architecture switch
            {
                "moe" => $"MoE {CatalogFormat.Params(m.TotalParamsB)}/{CatalogFormat.Params(m.ActiveParamsB)}",
                "dense" => $"dense {CatalogFormat.Params(m.TotalParamsB)}",
                _ => "–",
            };
            var flags = (m.Price?.TimeOfDayPricing == true ? " ⏱" : "") + (m.Price?.LongContextTiers == true ? " ⇡" : "");
            table.AddRow(
                m.Id,
                m.Vendor,
                m.Country,
                CatalogFormat.Open(m.OpenWeights),
                arch,
                m.ContextWindow is null ? "–" : CatalogFormat.Tokens(m.ContextWindow.Value),
                m.Released ?? "–",
                CatalogFormat.Usd(m.Price?.InputPerMtok),
                CatalogFormat.Usd(m.Price?.OutputPerMtok) + flags,
                m.Price?.Provider ?? "–");
        }

        table.Write(context.Writer);
        context.Writer.WriteLine($"{rows.Count} models. Prices: the maker's own API where a source lists it; ⏱ time-of-day pricing, ⇡ long-context tiers (see 'parity models show ID').");
    }

    private static void WriteCsv(TextWriter writer, List<ModelSummary> rows)
    {
        writer.WriteLine("id,name,vendor,country,open_weights,licence,architecture,total_params_b,active_params_b,context_window,released,price_provider,input_usd_per_mtok,output_usd_per_mtok,cached_input_usd_per_mtok,blended_usd_per_mtok,time_of_day_pricing,price_source,price_source_date");
        foreach (var m in rows)
        {
            var p = m.Price;
            string[] fields =
            [
                m.Id, m.Name, m.Vendor, m.Country, m.OpenWeights switch { true => "yes", false => "no", _ => "" }, m.Licence ?? "",
                m.Architecture ?? "", Num(m.TotalParamsB), Num(m.ActiveParamsB), m.ContextWindow?.ToString(CultureInfo.InvariantCulture) ?? "", m.Released ?? "",
                p?.Provider ?? "", Num(p?.InputPerMtok), Num(p?.OutputPerMtok), Num(p?.CachedInputPerMtok), Num(p?.BlendedPerMtok),
                p is null ? "" : p.TimeOfDayPricing ? "yes" : "no", p?.Source ?? "", p?.SourceDate ?? "",
            ];
            writer.WriteLine(string.Join(',', fields.Select(Quote)));
        }
    }

    private static string Num(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
