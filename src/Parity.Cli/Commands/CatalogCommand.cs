using System.CommandLine;
using Parity.Catalog;
using Parity.Catalog.Feeds;
using Parity.Storage;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary><c>parity catalog import FILE</c> and <c>parity catalog sources</c>.</summary>
internal static class CatalogCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("catalog", "Manage the catalog's data: import newer feeds into the local store, list what is loaded.");
        command.Subcommands.Add(Import(context));
        command.Subcommands.Add(Sources(context));
        return command;
    }

    private static Command Import(CliContext context)
    {
        var file = new Argument<string>("file") { Description = "The feed file: genai-prices data.json, LiteLLM model_prices_and_context_window.json, an OpenRouter /api/v1/models response, or an Epoch AI CSV" };
        var feedFormat = new Option<string?>("--format") { Description = "genai-prices|litellm|openrouter|epoch (detected from the content when not given)" };
        feedFormat.AcceptOnlyFromAmong("genai-prices", "litellm", "openrouter", "epoch");
        var output = new Option<OutputFormat>("--output") { Description = "Output: table|json", DefaultValueFactory = _ => OutputFormat.Table };
        output.AcceptOnlyFromAmong("table", "json");
        var command = new Command("import", "Import a feed into the local store (all records or none). Later imports win over the shipped data; importing the same file again changes nothing; names that match no model or organization are listed and stored.");
        command.Arguments.Add(file);
        command.Options.Add(feedFormat);
        command.Options.Add(output);
        CliAction.Set(command, context, parseResult =>
        {
            var path = parseResult.GetValue(file)!;
            var format = parseResult.GetValue(feedFormat) is { } name ? FeedReader.ParseName(name) : (FeedFormat?)null;
            using var store = ParityStore.OpenSqlite(parseResult.GetValue(GlobalOptions.Db)!);
            var result = CatalogImporter.Import(store, path, format);
            if (parseResult.GetValue(output) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, result);
                return 0;
            }

            var w = context.Writer;
            if (result.AlreadyImported)
            {
                w.WriteLine($"{result.File} was already imported (import #{result.ImportId}, same SHA-256); nothing changed.");
                return 0;
            }

            w.WriteLine($"imported #{result.ImportId}: {result.Records} {result.Format} records from {result.File} (data of {result.SourceDate}) into {store.Location}");
            w.WriteLine($"{result.Matched} matched a catalog model; {result.Unmatched.Count} names match no model or organization (stored; 'parity catalog sources --unmatched' lists them again):");
            foreach (var u in result.Unmatched)
            {
                w.WriteLine($"  unmatched {u.Kind}: {u.Name}{(u.Provider is null ? "" : $" [{u.Provider}]")}");
            }

            return 0;
        });
        return command;
    }

    private static Command Sources(CliContext context)
    {
        var unmatched = new Option<bool>("--unmatched") { Description = "Also list every name the sources use that matches no catalog model or organization" };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("sources", "List the feeds the catalog has loaded (shipped and imported) with their dates and record counts.");
        command.Options.Add(unmatched);
        command.Options.Add(format);
        CliAction.Set(command, context, parseResult =>
        {
            var catalog = CatalogLoader.Load(parseResult);
            var showUnmatched = parseResult.GetValue(unmatched);
            if (parseResult.GetValue(format) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, new { sources = catalog.Sources, models = catalog.Models.Count, unmatched = showUnmatched ? catalog.Unmatched : null });
                return 0;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("origin", "format", "feed", "data of", "records", "matched", "unmatched", "imported at");
            foreach (var s in catalog.Sources)
            {
                table.AddRow(new Text(s.Origin), new Text(s.Format), new Text(s.Label), new Text(s.SourceDate), new Text(s.Records.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
                    new Text(s.Matched.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)), new Text(s.Unmatched.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)), new Text(s.ImportedAt ?? ""));
            }

            context.Console.Write(table);
            context.Console.WriteLine($"{catalog.Models.Count} models in the catalog. Hand-curated: data/catalog/models.csv (models and aliases), architectures.csv, organizations.csv.");
            if (showUnmatched)
            {
                foreach (var u in catalog.Unmatched)
                {
                    context.Writer.WriteLine($"unmatched {u.Kind}: {u.Name}{(u.Provider is null ? "" : $" [{u.Provider}]")} ({u.Source})");
                }
            }

            return 0;
        });
        return command;
    }
}
