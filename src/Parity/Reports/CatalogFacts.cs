using System.Globalization;
using System.Text.RegularExpressions;
using Parity.Catalog;
using Parity.Claims;

namespace Parity.Reports;

/// <summary>Reads what the report needs from the <see cref="ModelCatalog"/>: prices per offer, architecture, Epoch training facts.</summary>
public sealed partial class CatalogFacts
{
    private readonly ModelCatalog _catalog;
    private readonly DateTimeOffset _priceDate;
    private readonly Dictionary<string, ModelFacts?> _cache = new(StringComparer.Ordinal);

    /// <param name="catalog">The catalog.</param>
    /// <param name="priceDate">The moment whose list prices count (prices with time-of-day rules use the rule in force most of that day).</param>
    public CatalogFacts(ModelCatalog catalog, DateTimeOffset priceDate)
    {
        _catalog = catalog;
        _priceDate = priceDate;
        All = catalog.Models.Select(Convert).ToList();
    }

    /// <summary>Every catalog model.</summary>
    public IReadOnlyList<ModelFacts> All { get; }

    /// <summary>The facts for a leaderboard key or catalog alias, or null when the catalog does not know it.</summary>
    public ModelFacts? Find(string key)
    {
        if (!_cache.TryGetValue(key, out var facts))
        {
            facts = _catalog.Find(key) is { } model ? All.First(m => m.Id == model.Id) : null;
            _cache[key] = facts;
        }

        return facts;
    }

    private ModelFacts Convert(CatalogModel m)
    {
        // The maker's own API price (a third party's hosting price is another product), else the primary offer;
        // where another feed gives the same seller a different price, that price is kept as a second source.
        var offers = m.Offers.Where(o => o.FirstParty).ToList();
        if (offers.Count == 0 && m.PrimaryOffer is { } primary)
        {
            offers.Add(primary);
        }

        var prices = new List<PricePoint>();
        foreach (var offer in offers)
        {
            var set = offer.Schedule.StandardRuleOn(_priceDate).Prices;
            if (set.Input is null || set.Output is null)
            {
                continue;
            }

            var point = new PricePoint(m.Id, (double)set.Input.Base, (double)set.Output.Base, $"{offer.Source.Name} ({offer.Provider})", offer.Source.Date);
            prices.Add(point);
            foreach (var d in m.Disagreements)
            {
                if (!double.TryParse(d.OtherValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var other))
                {
                    continue;
                }

                var alternative = d.Field == $"{offer.Provider} input price (USD/Mtok)" ? point with { InputPerMillion = other }
                    : d.Field == $"{offer.Provider} output price (USD/Mtok)" ? point with { OutputPerMillion = other }
                    : null;
                if (alternative is not null)
                {
                    prices.Add(alternative with { Source = $"{d.OtherSource.Name} ({offer.Provider})", Date = d.OtherSource.Date });
                }
            }
        }

        ArchitectureFacts? architecture = m.Architecture?.Value is { Kind: { } kind } a
            ? new ArchitectureFacts(kind == ArchitectureKind.MixtureOfExperts ? "moe" : "dense", (double?)a.TotalParamsB, (double?)a.ActiveParamsB, m.Architecture.Source.Url ?? m.Architecture.Source.Name)
            : null;

        var training = new List<TrainingFact>();
        if (m.Training is { } t)
        {
            training.Add(new TrainingFact(
                t.EpochName,
                (double?)t.TrainingComputeFlop,
                GpuHours(t),
                t.Hardware,
                (double?)t.CostUsd2023,
                null,
                null,
                $"Epoch AI Notable AI Models ({t.EpochName})",
                t.Source.Date,
                GpuHoursReported(t) ? Notes(t) : (GpuHours(t) is null ? Notes(t) : string.Join("; ", new[] { "GPU-hours estimated as Epoch's training time × accelerator count", Notes(t) }.Where(x => x is not null)))));
        }

        return new ModelFacts(m.Id, m.Name, m.Organization.Value.Name, m.Organization.Value.Country, m.OpenWeights?.Value, prices, architecture, training);
    }

    private static bool GpuHoursReported(TrainingFacts t) => t.TrainingTimeNotes is { } notes && ReportedGpuHours().IsMatch(notes);

    /// <summary>GPU-hours as the makers reported them (quoted in Epoch's notes), else hours × accelerators.</summary>
    private static double? GpuHours(TrainingFacts t)
    {
        if (t.TrainingTimeNotes is { } notes && ReportedGpuHours().Match(notes) is { Success: true } match
            && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var millions))
        {
            return millions * 1e6;
        }

        return t.TrainingHours is { } h && t.HardwareQuantity is { } q ? (double)(h * q) : null;
    }

    private static string? Notes(TrainingFacts t)
    {
        var parts = new List<string>();
        if (t.Confidence is { Length: > 0 } c)
        {
            parts.Add($"Epoch confidence: {c}");
        }

        if (t.CostNotes is { Length: > 0 } cost)
        {
            parts.Add(FirstLine(cost));
        }
        else if (t.TrainingTimeNotes is { Length: > 0 } time)
        {
            parts.Add(FirstLine(time));
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => l.Length > 12) ?? text.Trim();
        return line.Length > 140 ? line[..140] + "…" : line;
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)\s*M\s+(?:[A-Z0-9]+\s+)?GPU[- ]hours", RegexOptions.IgnoreCase)]
    private static partial Regex ReportedGpuHours();
}
