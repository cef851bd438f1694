using System.CommandLine;
using System.Globalization;
using Parity.Catalog;
using Spectre.Console;

namespace Parity.Cli.Commands;

/// <summary><c>parity models show ID</c>: every fact of one model, each with its source and date.</summary>
internal static class ModelShowCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("model") { Description = "Model id or any alias (deepseek-chat, deepseek/deepseek-chat, DeepSeek-V3, claude-opus-4-5-20251101, …)" };
        var format = FormatOption.Create(OutputFormat.Table, OutputFormat.Json);
        var command = new Command("show", "Show every fact of one model with its source and date: maker and country, open weights and licence, architecture, context window, release date, training facts, prices of every provider with their rules and history, and where sources disagree.");
        command.Arguments.Add(id);
        command.Options.Add(format);
        CliAction.Set(command, context, parseResult =>
        {
            var catalog = CatalogLoader.Load(parseResult);
            var model = catalog.Get(parseResult.GetValue(id)!);
            if (parseResult.GetValue(format) == OutputFormat.Json)
            {
                CliJson.Write(context.Writer, model);
            }
            else
            {
                Write(context, model);
            }

            return 0;
        });
        return command;
    }

    private static void Write(CliContext context, CatalogModel model)
    {
        var console = context.Console;
        console.Write(new Text($"{model.Name} ({model.Id})\n", new Style(decoration: Decoration.Bold)));
        var facts = new Table().Border(TableBorder.Simple).AddColumns("fact", "value", "source", "date");
        void Add(string fact, string value, FactSource? source) =>
            facts.AddRow(new Text(fact), new Text(value), new Text(source is null ? "" : CatalogFormat.Source(source)), new Text(source?.Date ?? ""));

        var organization = model.Organization.Value;
        Add("vendor", $"{organization.Name} ({organization.Country})", model.Organization.Source);
        Add("open weights", model.OpenWeights is null ? "unknown" : model.OpenWeights.Value ? "yes" : "no", model.OpenWeights?.Source);
        if (model.Licence is not null)
        {
            Add("licence", model.Licence.Value, model.Licence.Source);
        }

        if (model.Architecture is { } arch)
        {
            var a = arch.Value;
            var kind = a.Kind switch { ArchitectureKind.MixtureOfExperts => "mixture-of-experts", ArchitectureKind.Dense => "dense", _ => "not published" };
            Add("architecture", kind + (a.Experts is null ? "" : $" ({a.Experts})"), arch.Source);
            Add("total parameters", CatalogFormat.Params(a.TotalParamsB), arch.Source);
            Add("active parameters", a.Kind == ArchitectureKind.MixtureOfExperts || a.ActiveParamsB is null ? CatalogFormat.Params(a.ActiveParamsB) + (a.ActiveParamsB is null ? "" : " per token") : CatalogFormat.Params(a.ActiveParamsB) + " (dense: all)", arch.Source);
            if (a.Notes is not null)
            {
                Add("architecture note", a.Notes, null);
            }
        }
        else
        {
            Add("architecture", "not in Parity's architecture table", null);
        }

        Add("context window", model.ContextWindow is null ? "unknown" : CatalogFormat.Count(model.ContextWindow.Value) + " tokens", model.ContextWindow?.Source);
        Add("released", model.Released is null ? "unknown" : CatalogFormat.Date(model.Released.Value), model.Released?.Source);
        if (model.Training is { } t)
        {
            Add("Epoch AI entry", t.EpochName, t.Source);
            Add("parameters (Epoch)", t.Parameters is null ? "–" : CatalogFormat.Params(t.Parameters / 1_000_000_000m), t.Source);
            Add("training compute", CatalogFormat.Scientific(t.TrainingComputeFlop) + " FLOP" + (t.Confidence is null ? "" : $" ({t.Confidence})"), t.Source);
            if (t.DatasetTokens is not null)
            {
                Add("training data", CatalogFormat.Scientific(t.DatasetTokens) + " tokens", t.Source);
            }

            if (t.Hardware is not null)
            {
                Add("training hardware", t.Hardware + (t.HardwareQuantity is null ? "" : $" × {t.HardwareQuantity.Value.ToString("0", CultureInfo.InvariantCulture)}"), t.Source);
            }

            if (t.TrainingHours is not null || t.TrainingTimeNotes is not null)
            {
                Add("training time", (t.TrainingHours is null ? "" : $"{t.TrainingHours.Value.ToString("0.#", CultureInfo.InvariantCulture)} h. ") + (t.TrainingTimeNotes ?? ""), t.Source);
            }

            if (t.CostUsd2023 is not null)
            {
                Add("training compute cost", $"${t.CostUsd2023.Value.ToString("N0", CultureInfo.InvariantCulture)} (2023 USD)" + (t.CostNotes is null ? "" : $". {t.CostNotes}"), t.Source);
            }
        }

        if (model.Aliases.Count > 0)
        {
            Add("also called", string.Join(", ", model.Aliases), null);
        }

        console.Write(facts);

        if (model.Offers.Count == 0)
        {
            console.WriteLine("No source in the catalog has a price for this model.");
        }
        else
        {
            var prices = new Table().Border(TableBorder.Simple).AddColumns("provider", "rule", "input $/Mtok", "cached $/Mtok", "output $/Mtok", "source", "data of", "checked");
            foreach (var offer in model.Offers)
            {
                foreach (var rule in offer.Schedule.Rules)
                {
                    prices.AddRow(
                        new Text(offer.Provider + (offer.FirstParty ? " (maker)" : "")),
                        new Text(offer.Schedule.Describe(rule)),
                        new Text(CatalogFormat.Rate(rule.Prices.Input)),
                        new Text(CatalogFormat.Rate(rule.Prices.CachedInput)),
                        new Text(CatalogFormat.Rate(rule.Prices.Output)),
                        new Text(offer.Source.Name),
                        new Text(offer.Source.Date ?? ""),
                        new Text(offer.PricesChecked is { } c ? CatalogFormat.Date(c) : ""));
                }
            }

            console.Write(prices);
            console.WriteLine("Rules: the last rule whose condition holds applies, else the first. Tiers (x >N) apply to every token once the request's input exceeds N.");
            foreach (var offer in model.Offers.Where(o => o.Schedule.Comment is not null).Take(3))
            {
                console.WriteLine($"Note ({offer.Source.Name}): {offer.Schedule.Comment}");
            }
        }

        if (model.Disagreements.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).AddColumns("sources disagree on", "value used", "source", "other value", "other source");
            foreach (var d in model.Disagreements)
            {
                table.AddRow(new Text(d.Field), new Text(d.Value), new Text($"{d.Source.Name} ({d.Source.Date})"), new Text(d.OtherValue), new Text($"{d.OtherSource.Name} ({d.OtherSource.Date})"));
            }

            console.Write(table);
        }
    }
}
