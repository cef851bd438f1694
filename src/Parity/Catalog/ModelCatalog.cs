using Parity.Catalog.Feeds;
using Parity.Catalog.Pricing;
using Parity.Storage;

namespace Parity.Catalog;

/// <summary>
/// The model catalog: every model of the alias table with its maker and country, openness, licence,
/// architecture, context window, release date, training facts and prices, each fact with its source.
/// Built from the shipped snapshots overlaid by the feeds imported into the store (later imports win),
/// with the places where sources disagree.
/// </summary>
public sealed class ModelCatalog
{
    private const string ModelTableSource = "Parity model table (hand-curated)";
    private readonly Dictionary<string, CatalogModel> _byId;
    private readonly Dictionary<string, string> _feedNames;
    private readonly ModelAliasTable _aliases;

    private ModelCatalog(IReadOnlyList<CatalogModel> models, IReadOnlyList<CatalogSource> sources, IReadOnlyList<UnmatchedName> unmatched, ModelAliasTable aliases, Dictionary<string, string> feedNames, OrganizationTable organizations)
    {
        Models = models;
        Sources = sources;
        Unmatched = unmatched;
        Organizations = organizations;
        _aliases = aliases;
        _feedNames = feedNames;
        _byId = models.ToDictionary(m => m.Id, StringComparer.Ordinal);
    }

    /// <summary>Every model, in the alias table's order.</summary>
    public IReadOnlyList<CatalogModel> Models { get; }

    /// <summary>The feeds loaded, shipped first, then imports oldest first.</summary>
    public IReadOnlyList<CatalogSource> Sources { get; }

    /// <summary>Names in the loaded feeds that match no model or organization.</summary>
    public IReadOnlyList<UnmatchedName> Unmatched { get; }

    /// <summary>The organization alias table the catalog resolved makers with.</summary>
    public OrganizationTable Organizations { get; }

    private static readonly Lazy<ModelCatalog> LazyShipped = new(LoadShipped);

    /// <summary>The catalog from the shipped snapshots only.</summary>
    public static ModelCatalog LoadShipped() => Load(null);

    /// <summary>The shipped catalog, loaded once per process (it is immutable, so it can be shared across threads).</summary>
    public static ModelCatalog Shipped => LazyShipped.Value;

    /// <summary>
    /// Prices one request of a model (any alias) at a moment: the maker's offer, or the offer of
    /// <paramref name="provider"/> (any spelling the organization table knows, or a feed's provider id such as "openrouter").
    /// </summary>
    public PriceQuote Price(string idOrAlias, TokenUsage usage, DateTimeOffset at, string? provider = null)
    {
        var model = Get(idOrAlias);
        var providerName = provider is null ? null : Organizations.Resolve(provider)?.Name ?? provider;
        return PriceEngine.Price(model, usage, at, providerName);
    }

    /// <summary>The shipped snapshots overlaid by the feeds imported into <paramref name="store"/> (none when null).</summary>
    public static ModelCatalog Load(ParityStore? store)
    {
        var matcher = new RecordMatcher(ModelAliasTable.LoadShipped(), OrganizationTable.LoadShipped());
        var feeds = new List<LoadedFeed>();
        foreach (var (file, feed) in ShippedFeeds.Load())
        {
            feeds.Add(new LoadedFeed(feed, file, "shipped", null));
        }

        if (store is not null)
        {
            foreach (var (import, feed) in CatalogImporter.ReadImports(store))
            {
                feeds.Add(new LoadedFeed(feed, import.FileName, "imported", import.ImportedAt));
            }
        }

        return Build(matcher, ArchitectureTable.LoadShipped(), feeds);
    }

    /// <summary>The model an id or alias refers to: case, separators, provider prefixes ("deepseek/") and unambiguous date suffixes do not matter.</summary>
    public CatalogModel? Find(string idOrAlias)
    {
        if (_aliases.Match(idOrAlias) is { } match)
        {
            return _byId[match.ModelId];
        }

        var key = ModelKey.Normalize(idOrAlias);
        if (_feedNames.TryGetValue(key, out var id) || (ModelKey.WithoutPrefix(idOrAlias) is { } bare && _feedNames.TryGetValue(ModelKey.Normalize(bare), out id)))
        {
            return _byId[id];
        }

        return null;
    }

    /// <summary>Like <see cref="Find"/>, but an unknown name is an error that suggests close ids.</summary>
    public CatalogModel Get(string idOrAlias)
    {
        if (Find(idOrAlias) is { } model)
        {
            return model;
        }

        var key = ModelKey.Normalize(idOrAlias);
        var close = Models.Where(m => m.Id.Contains(key, StringComparison.Ordinal) || key.Contains(m.Id, StringComparison.Ordinal)).Take(5).Select(m => m.Id).ToList();
        var hint = close.Count > 0 ? $" Did you mean: {string.Join(", ", close)}?" : " Run 'parity models' for the list.";
        throw new ParityException($"No model '{idOrAlias}' in the catalog.{hint}");
    }

    internal static ModelCatalog Build(RecordMatcher matcher, Dictionary<string, Fact<Architecture>> architectures, IReadOnlyList<LoadedFeed> feeds)
    {
        var observations = new Dictionary<string, List<Observation>>(StringComparer.Ordinal);
        var epoch = new Dictionary<string, Observation>(StringComparer.Ordinal);
        var feedNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        var sources = new List<CatalogSource>();
        var unmatched = new List<UnmatchedName>();

        for (var feedIndex = 0; feedIndex < feeds.Count; feedIndex++)
        {
            var loaded = feeds[feedIndex];
            var feed = loaded.Feed;
            var priority = loaded.Origin == "imported" ? 1000 + feedIndex : 100 - feedIndex;
            var matched = 0;
            var feedUnmatched = 0;
            var seenOrganizations = new HashSet<string>(StringComparer.Ordinal);
            var best = new Dictionary<(string Model, string Provider), Observation>();
            foreach (var record in feed.Records)
            {
                if (record.Organization is { } organization && matcher.Organization(organization) is null && seenOrganizations.Add(organization))
                {
                    unmatched.Add(new UnmatchedName("organization", organization, null, feed.Label));
                    feedUnmatched++;
                }

                if (matcher.Match(record) is not { } match)
                {
                    unmatched.Add(new UnmatchedName("model", record.Key, record.Provider, feed.Label));
                    feedUnmatched++;
                    continue;
                }

                matched++;
                foreach (var name in record.OtherNames.Prepend(record.Key))
                {
                    var key = ModelKey.Normalize(name);
                    if (feedNames.TryGetValue(key, out var existing) && existing != match.ModelId)
                    {
                        ambiguous.Add(key);
                    }

                    feedNames.TryAdd(key, match.ModelId);
                }

                var source = SourceOf(feed, record);
                var observation = new Observation(record, match.Rank, priority, source, feed.Format);
                if (feed.Format == FeedFormat.Epoch)
                {
                    if (!epoch.TryGetValue(match.ModelId, out var current) || Better(observation, current))
                    {
                        epoch[match.ModelId] = observation;
                    }

                    continue;
                }

                if (Implausible(record))
                {
                    unmatched.Add(new UnmatchedName("implausible price", record.Key, record.Provider, feed.Label));
                    feedUnmatched++;
                    matched--;
                    continue;
                }

                if (!HasPrices(record) && record.ContextWindow is null)
                {
                    continue;
                }

                var provider = ProviderName(matcher, record, feed.Format);
                if (!best.TryGetValue((match.ModelId, provider), out var previous) || BetterOffer(observation, previous, match.ModelId))
                {
                    best[(match.ModelId, provider)] = observation with { Provider = provider };
                }
            }

            foreach (var ((model, _), observation) in best)
            {
                if (!observations.TryGetValue(model, out var list))
                {
                    observations[model] = list = [];
                }

                list.Add(observation);
            }

            sources.Add(new CatalogSource(loaded.Origin, FeedReader.Name(feed.Format), feed.Label, loaded.File, feed.SourceDate, loaded.ImportedAt, feed.Records.Count, matched, feedUnmatched));
        }

        foreach (var key in ambiguous)
        {
            feedNames.Remove(key);
        }

        var now = DateTimeOffset.UtcNow;
        var models = new List<CatalogModel>(matcher.Models.Entries.Count);
        foreach (var entry in matcher.Models.Entries)
        {
            var organization = matcher.Organizations.Resolve(entry.Organization)
                ?? throw new ParityException($"data/catalog/models.csv: model '{entry.Id}': organization '{entry.Organization}' is not in data/catalog/organizations.csv.");
            var curated = new FactSource(ModelTableSource, null, entry.SourceUrl);
            var disagreements = new List<SourceDisagreement>();
            var offers = Offers(organization, observations.GetValueOrDefault(entry.Id), disagreements, now);
            epoch.TryGetValue(entry.Id, out var epochRow);

            Fact<bool>? open = entry.OpenWeights is { } o ? new Fact<bool>(o, curated) : null;
            if (epochRow?.Record.OpenWeights is { } epochOpen)
            {
                var epochSource = epochRow.Source with { Note = epochRow.Record.Accessibility };
                if (open is null)
                {
                    open = new Fact<bool>(epochOpen, epochSource);
                }
                else if (open.Value != epochOpen)
                {
                    disagreements.Add(new SourceDisagreement("open weights", YesNo(open.Value), open.Source, YesNo(epochOpen), epochSource));
                }
            }

            var context = offers.Where(x => x.ContextWindow is not null).Select(x => new Fact<long>(x.ContextWindow!.Value, x.Source)).FirstOrDefault()
                ?? observations.GetValueOrDefault(entry.Id)?.Where(x => x.Record.ContextWindow is not null)
                    .OrderByDescending(x => x.Priority).Select(x => new Fact<long>(x.Record.ContextWindow!.Value, x.Source)).FirstOrDefault();

            models.Add(new CatalogModel
            {
                Id = entry.Id,
                Name = entry.Name,
                Aliases = entry.Aliases,
                Organization = new Fact<Organization>(organization, curated),
                OpenWeights = open,
                Licence = entry.Licence is null ? null : new Fact<string>(entry.Licence, curated),
                Architecture = architectures.GetValueOrDefault(entry.Id),
                ContextWindow = context,
                Released = epochRow?.Record.Released is { } released ? new Fact<DateOnly>(released, epochRow.Source) : null,
                Training = epochRow is null ? null : Training(epochRow),
                Offers = offers,
                Disagreements = disagreements,
            });
        }

        return new ModelCatalog(models, sources, unmatched, matcher.Models, feedNames, matcher.Organizations);
    }

    /// <summary>One offer per provider: the highest-priority source's; the others are checked against it.</summary>
    private static List<PriceOffer> Offers(Organization maker, List<Observation>? observations, List<SourceDisagreement> disagreements, DateTimeOffset now)
    {
        var offers = new List<PriceOffer>();
        if (observations is null)
        {
            return offers;
        }

        foreach (var group in observations.Where(o => HasPrices(o.Record)).GroupBy(o => o.Provider!, StringComparer.Ordinal))
        {
            var ordered = group.OrderByDescending(o => o.Priority).ToList();
            var chosen = ordered[0];
            var schedule = chosen.Record.Prices!;
            var context = chosen.Record.ContextWindow ?? ordered.Select(o => o.Record.ContextWindow).FirstOrDefault(c => c is not null);
            offers.Add(new PriceOffer(group.Key, chosen.Record.Key, group.Key == maker.Name, schedule, context, chosen.Source, chosen.Record.PricesChecked));

            var mine = schedule.StandardRuleOn(now).Prices;
            foreach (var other in ordered.Skip(1))
            {
                var theirs = other.Record.Prices!.StandardRuleOn(now).Prices;
                Compare(disagreements, $"{group.Key} input price (USD/Mtok)", mine.Input, theirs.Input, chosen.Source, other.Source);
                Compare(disagreements, $"{group.Key} output price (USD/Mtok)", mine.Output, theirs.Output, chosen.Source, other.Source);
                Compare(disagreements, $"{group.Key} cached input price (USD/Mtok)", mine.CachedInput, theirs.CachedInput, chosen.Source, other.Source);
            }
        }

        return [.. offers
            .OrderByDescending(o => o.FirstParty)
            .ThenByDescending(o => o.Provider == OpenRouterFeed.ProviderId)
            .ThenBy(o => o.Provider, StringComparer.Ordinal)];
    }

    private static void Compare(List<SourceDisagreement> disagreements, string field, TieredRate? mine, TieredRate? theirs, FactSource source, FactSource other)
    {
        if (mine is null || theirs is null || mine.Base == theirs.Base)
        {
            return;
        }

        disagreements.Add(new SourceDisagreement(field, Format(mine.Base), source, Format(theirs.Base), other));
    }

    private static string Format(decimal value) => value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static TrainingFacts Training(Observation row)
    {
        var r = row.Record;
        return new TrainingFacts(r.Key, r.Parameters, r.TrainingComputeFlop, r.DatasetTokens, r.TrainingHardware, r.HardwareQuantity, r.TrainingHours, r.TrainingTimeNotes, r.CostUsd2023, r.CostNotes, r.Confidence, row.Source);
    }

    /// <summary>The most expensive text model in any feed costs a few hundred dollars per million tokens; a thousand or more is a unit error in the source (LiteLLM's W&amp;B rows).</summary>
    private const decimal ImplausibleUsdPerMtok = 1000m;

    private static bool Implausible(FeedRecord record) =>
        record.Prices is { } schedule && schedule.Rules.Any(r =>
            new[] { r.Prices.Input, r.Prices.Output, r.Prices.CachedInput, r.Prices.CacheWrite }.Any(rate => rate is not null && (rate.Base >= ImplausibleUsdPerMtok || rate.Tiers.Any(t => t.UsdPerMtok >= ImplausibleUsdPerMtok))));

    /// <summary>A record is a price offer when it prices input or output tokens (some list a model without prices).</summary>
    private static bool HasPrices(FeedRecord record) =>
        record.Prices is { } schedule && schedule.Rules.Any(r => r.Prices.Input is not null || r.Prices.Output is not null);

    /// <summary>
    /// Between two records of one provider for one model: one with prices beats one without; then the
    /// closer name (the id itself beats an alias, an alias beats a prefix or date match); then the one
    /// whose bare name is the model id ("google/gemini-2.5-pro" over "gemini-2.5-pro-exp-03-25"); else the first.
    /// </summary>
    private static bool BetterOffer(Observation candidate, Observation current, string modelId)
    {
        if (HasPrices(candidate.Record) != HasPrices(current.Record))
        {
            return HasPrices(candidate.Record);
        }

        if (candidate.Rank != current.Rank)
        {
            return candidate.Rank < current.Rank;
        }

        return IsBareId(candidate.Record.Key, modelId) && !IsBareId(current.Record.Key, modelId);
    }

    private static bool IsBareId(string key, string modelId) =>
        ModelKey.Normalize(ModelKey.WithoutPrefix(key) ?? key) == ModelKey.Normalize(modelId);

    /// <summary>An exact name beats an alias; between equals, the earlier release (the original, not a later revision).</summary>
    private static bool Better(Observation candidate, Observation current)
    {
        if (candidate.Priority != current.Priority)
        {
            return candidate.Priority > current.Priority;
        }

        if (candidate.Rank != current.Rank)
        {
            return candidate.Rank < current.Rank;
        }

        return (candidate.Record.Released ?? DateOnly.MaxValue) < (current.Record.Released ?? DateOnly.MaxValue);
    }

    private static string ProviderName(RecordMatcher matcher, FeedRecord record, FeedFormat format)
    {
        var provider = record.Provider ?? FeedReader.Name(format);
        return matcher.Organizations.Resolve(provider)?.Name ?? provider;
    }

    private static FactSource SourceOf(ParsedFeed feed, FeedRecord record)
    {
        var key = record.Provider is null || record.Key.StartsWith(record.Provider + "/", StringComparison.Ordinal) ? record.Key : $"{record.Provider}/{record.Key}";
        var name = record.Provider is null ? feed.Label : $"{feed.Label}: {key}";
        return new FactSource(name, feed.SourceDate, record.Url, record.Prices?.Comment);
    }

    internal sealed record LoadedFeed(ParsedFeed Feed, string File, string Origin, string? ImportedAt);

    private sealed record Observation(FeedRecord Record, int Rank, int Priority, FactSource Source, FeedFormat Format)
    {
        public string? Provider { get; init; }
    }
}
