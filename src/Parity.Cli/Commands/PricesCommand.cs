using System.CommandLine;
using System.Globalization;
using Parity.Catalog;
using Parity.Catalog.Pricing;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary><c>parity prices ID</c>: the price of one request under the rules in force at a moment.</summary>
internal static class PricesCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("model") { Description = "Model id or any alias" };
        var at = new Option<string?>("--at") { Description = "The moment to price at, ISO 8601 (2025-06-01T10:00Z; UTC when no offset is given). Default: now" };
        var input = new Option<long?>("--input-tokens") { Description = "Prompt tokens, cached ones included (default 1,000,000 when no token count is given)" };
        var output = new Option<long?>("--output-tokens") { Description = "Completion tokens, reasoning included (default 1,000,000 when no token count is given)" };
        var cached = new Option<long>("--cached-tokens") { Description = "Of the prompt tokens, how many were read from the provider's prompt cache" };
        var provider = new Option<string?>("--provider") { Description = "Price at this provider (default: the maker's own API where a source lists it)" };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("prices", "Price one request (input, output and cached tokens) under the rules in force at a moment: long-context tiers and time-of-day windows applied, exact decimal arithmetic, with the source.");
        command.Arguments.Add(id);
        command.Options.Add(at);
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(cached);
        command.Options.Add(provider);
        command.Options.Add(format);
        CliAction.Set(command, context, parseResult =>
        {
            var moment = ParseMoment(parseResult.GetValue(at));
            var inputTokens = parseResult.GetValue(input);
            var outputTokens = parseResult.GetValue(output);
            var cachedTokens = parseResult.GetValue(cached);
            var none = inputTokens is null && outputTokens is null && cachedTokens == 0;
            var usage = new TokenUsage(inputTokens ?? (none ? 1_000_000 : cachedTokens), outputTokens ?? (none ? 1_000_000 : 0), cachedTokens);

            var catalog = CatalogLoader.Load(parseResult);
            var model = catalog.Get(parseResult.GetValue(id)!);
            var history = PriceHistory.LoadShipped();
            var maker = model.Offers.FirstOrDefault(o => o.FirstParty)?.Provider;
            var wanted = parseResult.GetValue(provider);
            if (history.Knows(model.Id) && (wanted is null || string.Equals(wanted, maker, StringComparison.OrdinalIgnoreCase) || history.Of(model.Id).Any(p => string.Equals(p.Provider, wanted, StringComparison.OrdinalIgnoreCase))))
            {
                // The maker's list price with effective dates wins over a feed's current price.
                var dated = history.Price(model.Id, usage, moment)
                    ?? throw new ParityException($"{PriceHistory.ShippedFile} has no list price of '{model.Id}' in force at {moment:yyyy-MM-dd HH:mm} UTC (its rows start {history.Of(model.Id)[0].From:yyyy-MM-dd}).");
                var row = history.ChargedAt(model.Id, moment)!;
                var feedOffer = model.Offers.FirstOrDefault(o => o.FirstParty);
                var feedRule = feedOffer?.Schedule.RuleAt(moment).Prices;
                if (feedOffer is not null && feedRule?.Input?.Base == row.Input && feedRule.Output?.Base == row.Output)
                {
                    // The feed agrees on the base price and also knows its long-context tiers: price with the feed, show the dated period.
                    var fed = catalog.Price(model.Id, usage, moment, feedOffer.Provider);
                    if (parseResult.GetValue(format) == OutputFormat.Json)
                    {
                        CliJson.Write(context.Writer, new { quote = fed, rules = feedOffer.Schedule.Rules, comment = feedOffer.Schedule.Comment, inForce = row });
                    }
                    else
                    {
                        Write(context, model, fed, feedOffer);
                        context.Console.WriteLine($"in force (price history): {row.PeriodText} — {row.Source} ({row.Url})");
                    }

                    return 0;
                }

                if (parseResult.GetValue(format) == OutputFormat.Json)
                {
                    CliJson.Write(context.Writer, new { quote = dated, history = history.Of(model.Id) });
                }
                else
                {
                    WriteDated(context, model, dated, history);
                }

                return 0;
            }

            var quote = catalog.Price(model.Id, usage, moment, wanted);
            var offer = model.Offers.First(o => o.Provider == quote.Provider);
            if (parseResult.GetValue(format) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, new { quote, rules = offer.Schedule.Rules, comment = offer.Schedule.Comment });
            }
            else
            {
                Write(context, model, quote, offer);
            }

            return 0;
        });
        return command;
    }

    internal static DateTimeOffset ParseMoment(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DateTimeOffset.UtcNow;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment)
            ? moment
            : throw new ParityException($"--at: '{text}' is not a date and time; write it as 2025-06-01T10:00Z.");
    }

    private static void WriteDated(CliContext context, CatalogModel model, PriceQuote quote, PriceHistory history)
    {
        var console = context.Console;
        console.WriteLine($"{model.Name} ({model.Id}) at {quote.Provider}, {quote.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        console.WriteLine($"price in force: {quote.Source.Note}");
        var table = new Table().Border(TableBorder.Simple).AddColumns("component", "tokens", "USD per Mtok", "USD");
        foreach (var line in quote.Lines)
        {
            table.AddRow(line.Component, CatalogFormat.Count(line.Tokens), CatalogFormat.Usd(line.UsdPerMtok), CatalogFormat.Usd(line.Usd));
        }

        table.AddRow("total", "", "", CatalogFormat.Usd(quote.TotalUsd) + " USD");
        console.Write(table);
        console.WriteLine($"source: {quote.Source.Name} ({quote.Source.Url})");
        console.WriteLine("list prices of this model over time (price history):");
        foreach (var row in history.Of(model.Id))
        {
            console.WriteLine($"  {row.PeriodText}{(row.Window is { } w ? $", daily {w} UTC" : "")}: input {row.Input}, cached {row.CachedInput?.ToString(CultureInfo.InvariantCulture) ?? "–"}, output {row.Output} USD/Mtok — {row.Source}");
        }
    }

    private static void Write(CliContext context, CatalogModel model, PriceQuote quote, PriceOffer offer)
    {
        var console = context.Console;
        console.WriteLine($"{model.Name} ({model.Id}) at {quote.Provider}, {quote.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC");
        console.WriteLine($"rule in force: {offer.Schedule.Describe(quote.Rule)}");
        var table = new Table().Border(TableBorder.Simple).AddColumns("component", "tokens", "USD per Mtok", "USD");
        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
        table.Columns[3].RightAligned();
        foreach (var line in quote.Lines)
        {
            var rate = CatalogFormat.Usd(line.UsdPerMtok) + (line.Tier is null ? "" : $" (tier >{CatalogFormat.Tokens(line.Tier.AboveInputTokens)})");
            table.AddRow(new Text(line.Component), new Text(CatalogFormat.Count(line.Tokens)), new Text(rate), new Text(CatalogFormat.Usd(line.Usd)));
        }

        table.AddRow(new Text("total", new Style(decoration: Decoration.Bold)), new Text(""), new Text(""), new Text(CatalogFormat.Usd(quote.TotalUsd) + " USD", new Style(decoration: Decoration.Bold)));
        console.Write(table);
        console.WriteLine($"source: {CatalogFormat.Source(quote.Source)}, data of {quote.Source.Date}"
            + (offer.PricesChecked is { } checkedOn ? $"; prices last checked by the feed's maintainers on {CatalogFormat.Date(checkedOn)}" : ""));
        if (offer.Schedule.HasTimeWindows)
        {
            console.WriteLine("The feed gives the daily windows without the dates they were in force: they apply to every date priced.");
        }

        if (offer.Schedule.Rules.Count > 1)
        {
            console.WriteLine("all rules of this offer (the last whose condition holds applies, else the first):");
            foreach (var rule in offer.Schedule.Rules)
            {
                var p = rule.Prices;
                var marker = ReferenceEquals(rule, quote.Rule) ? "→" : " ";
                console.WriteLine($" {marker} {offer.Schedule.Describe(rule)}: input {CatalogFormat.Rate(p.Input)}, cached {CatalogFormat.Rate(p.CachedInput)}, output {CatalogFormat.Rate(p.Output)} USD/Mtok");
            }
        }
    }
}
