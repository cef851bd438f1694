using Parity.Analysis;
using Parity.Catalog.Pricing;
using Parity.Claims;

namespace Parity.Reports;

/// <summary>Computes the head-to-head report from leaderboard history, catalog facts and a claims file.</summary>
public static class ReportBuilder
{
    /// <summary>The boards a report can be about.</summary>
    public static IReadOnlyList<string> BoardNames { get; } = ["text", "text-style-control"];

    public static HeadToHeadReport Build(ReportInputs inputs, ReportOptions options)
    {
        if (!BoardNames.Contains(options.Board))
        {
            throw new ParityException($"unknown board '{options.Board}' (known: {string.Join(", ", BoardNames)}).");
        }

        var series = Enrich(Select(inputs, options.Board, options.AsOf), inputs.Lookup);
        if (series.Count == 0)
        {
            throw new ParityException($"the {options.Board} board has no snapshot on or before {options.AsOf:yyyy-MM-dd}; the shipped history starts {FirstDate(inputs, options.Board)}.");
        }

        var newest = series[^1];
        var history = inputs.Boards.GetValueOrDefault(options.Board, []).Where(s => s.Date <= newest.Date).ToList();
        var standing = new StandingSection(
            new SnapshotRef(newest.Date, newest.Source, newest.Board, newest.Method, newest.Models.Count),
            HeadToHeadOf(newest, ModelGroup.UnitedStates, ModelGroup.China, inputs.Lookup),
            HeadToHeadOf(newest, ModelGroup.ClosedWeights, ModelGroup.OpenWeights, inputs.Lookup),
            newest.Models.OrderByDescending(m => m.Rating).Take(options.Top).Select(m => ToReport(m, inputs.Lookup)).ToList());

        var usChina = GapSeries.Compute(series, ModelGroup.UnitedStates, ModelGroup.China);
        var closedOpen = GapSeries.Compute(series, ModelGroup.ClosedWeights, ModelGroup.OpenWeights);
        var gap = new TrendSection(
            options.Board,
            SnapshotSelection.ErasOf(options.Board),
            Section(usChina, newest.Date),
            Section(closedOpen, newest.Date),
            FrontierLag.Compute(newest, history, ModelGroup.UnitedStates, ModelGroup.China),
            FrontierLag.Compute(newest, history, ModelGroup.ClosedWeights, ModelGroup.OpenWeights),
            TrendEstimate.MethodText,
            FrontierLag.MethodText);

        // Claims are checked on the data in force on the report's as-of date (the newest data without one).
        var claimData = ClaimDataOf(inputs, options.AsOf is { } asOf ? EndOf(asOf) : null);
        var claims = ClaimChecker.CheckAll(inputs.Claims, claimData);

        return new HeadToHeadReport(
            options.Board,
            newest.Date,
            standing,
            gap,
            Value(newest, inputs.Lookup, options.Within),
            Efficiency(newest, inputs),
            inputs.ClaimsFile,
            options.AsOf is { } claimsDay ? claimsDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "newest data (today's prices)",
            claims,
            ClaimChecker.Trackers(inputs.Trackers ?? [], claims),
            ClaimRule.RuleText,
            ClaimRule.MethodText,
            [],
            Sources(series));
    }

    /// <summary>The claims' view of the data as of a moment (null = the newest): every board's series, prices by moment, evidence series, training facts and model ids.</summary>
    public static ClaimData ClaimDataOf(ReportInputs inputs, DateTimeOffset? asOf = null) => new(
        ClaimSeries(inputs),
        PricesOf(inputs),
        id => inputs.Lookup(id)?.Training ?? [],
        key => inputs.Lookup(key)?.Id,
        inputs.Evidence,
        asOf);

    /// <summary>The last moment of a UTC day: "as of 2025-03-01" takes what was in force at the end of that day.</summary>
    public static DateTimeOffset EndOf(DateOnly date) => new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1).AddSeconds(-1);

    /// <summary>
    /// Prices by moment: a model in the price history gets the list prices in force at that moment, each with its source
    /// and period; any other model gets the catalog feeds' prices, which are in force as of each feed's date only (from
    /// that date on; before it, Parity has no price for the model).
    /// </summary>
    public static ClaimPrices PricesOf(ReportInputs inputs)
    {
        var history = inputs.PriceHistory;
        string Id(string model) => inputs.Lookup(model)?.Id ?? model;
        IReadOnlyList<PricePoint> Feed(string model) => inputs.Lookup(model)?.Prices ?? [];
        static DateTimeOffset? FeedDate(PricePoint p) =>
            DateOnly.TryParseExact(p.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
                ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
                : null;
        IReadOnlyList<PricePoint> At(string model, DateTimeOffset? at)
        {
            var id = Id(model);
            if (history is not null && history.Knows(id))
            {
                return history.InForce(id, at ?? DateTimeOffset.UtcNow)
                    .Select(p => new PricePoint(id, (double)p.Input, (double)p.Output, $"{p.Source} ({p.Url}; {PriceHistory.ShippedFile} line {p.Line}, basis: {p.Basis})", p.PeriodText))
                    .ToList();
            }

            return Feed(model)
                .Where(p => at is null || (FeedDate(p) is { } d && d <= at))
                .Select(p => p with { Date = $"in force as of the feed's date {p.Date}" })
                .ToList();
        }

        return new ClaimPrices(
            At,
            model => history is not null && history.Knows(Id(model)) ? history.Changes(Id(model)) : Feed(model).Select(FeedDate).OfType<DateTimeOffset>().Distinct(),
            model => (history is not null && history.Knows(Id(model))) || Feed(model).Count > 0);
    }

    /// <summary>The one-source-per-era series of a board, catalog facts filled in; what <c>parity claims check</c> also uses.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> ClaimSeries(ReportInputs inputs, DateOnly? asOf = null) =>
        BoardNames.ToDictionary(b => b, b => Enrich(Select(inputs, b, asOf), inputs.Lookup))
            .Where(kv => kv.Value.Count > 0)
            .ToDictionary(kv => kv.Key, kv => kv.Value);

    private static IReadOnlyList<RatingSnapshot> Select(ReportInputs inputs, string board, DateOnly? asOf) =>
        SnapshotSelection.OnePerEra(inputs.Boards.GetValueOrDefault(board, []), board, asOf);

    private static string FirstDate(ReportInputs inputs, string board) =>
        inputs.Boards.GetValueOrDefault(board, []).Select(s => s.Date).DefaultIfEmpty().Min().ToString("yyyy-MM-dd");

    /// <summary>Organization, country and openness from the curated catalog when it knows the model, else from the leaderboard (organization table; licence).</summary>
    internal static IReadOnlyList<RatingSnapshot> Enrich(IReadOnlyList<RatingSnapshot> snapshots, Func<string, ModelFacts?> lookup)
    {
        var cache = new Dictionary<string, ModelFacts?>(StringComparer.Ordinal);
        ModelFacts? Facts(string key)
        {
            if (!cache.TryGetValue(key, out var facts))
            {
                facts = lookup(key);
                cache[key] = facts;
            }

            return facts;
        }

        return snapshots.Select(s => s with
        {
            Models = s.Models.Select(m => Facts(m.Key) is { } f
                ? m with
                {
                    Country = f.Country ?? m.Country,
                    Organization = f.Organization ?? m.Organization,
                    OpenWeights = f.OpenWeights ?? m.OpenWeights,
                }
                : m).ToList(),
        }).ToList();
    }

    internal static GapSection Section(GapSeries series, DateOnly newest) => new(
        series.First.Name,
        series.Second.Name,
        series.Points.Select(p => new GapRow(p.Date, p.Source, p.First.Key, p.First.Rating, p.Second.Key, p.Second.Rating, p.Gap, p.Lower, p.Upper, p.WinProbability)).ToList(),
        series.Holes,
        GapTrend.Fit(series.Points),
        GapTrend.Fit(series.Points, newest.AddMonths(-12), newest));

    private static HeadToHead? HeadToHeadOf(RatingSnapshot snapshot, ModelGroup first, ModelGroup second, Func<string, ModelFacts?> lookup) =>
        GapSeries.At(snapshot, first, second) is { } p
            ? new HeadToHead(first.Name, second.Name, ToReport(p.First, lookup), ToReport(p.Second, lookup), p.Gap, p.Lower, p.Upper, p.WinProbability)
            : null;

    internal static ReportModel ToReport(RatedModel m, Func<string, ModelFacts?> lookup)
    {
        var price = lookup(m.Key)?.Prices is { Count: > 0 } prices ? prices[0] : null;
        return new ReportModel(m.Key, m.Name, m.Rating, m.Lower, m.Upper, m.Organization, m.Country, m.OpenWeights,
            price?.Blended, price?.InputPerMillion, price?.OutputPerMillion, price?.Source, price?.Date);
    }

    private static ValueSection Value(RatingSnapshot newest, Func<string, ModelFacts?> lookup, double within)
    {
        var priced = new List<PricedModel>();
        var unpriced = new List<string>();
        foreach (var m in newest.Models.OrderByDescending(m => m.Rating))
        {
            var price = lookup(m.Key)?.Prices.FirstOrDefault(p => p.InputPerMillion > 0 || p.OutputPerMillion > 0);
            if (price is null)
            {
                unpriced.Add(m.Key);
                continue;
            }

            priced.Add(new PricedModel(m, price.InputPerMillion, price.OutputPerMillion, price.Source, price.Date));
        }

        // One point per catalog model: the leaderboard often lists variants (thinking, dated) of one priced model; keep the best-rated.
        priced = priced.GroupBy(p => lookup(p.Model.Key)!.Id).Select(g => g.MaxBy(p => p.Model.Rating)!).ToList();
        var best = newest.Models.MaxBy(m => m.Rating);
        var frontier = ValueForMoney.ParetoFrontier(priced);
        var cheapest = best is null ? null : ValueForMoney.CheapestWithin(priced, best.Rating, within);

        var flagships = priced.Where(p => p.Model.Organization is not null)
            .GroupBy(p => p.Model.Organization!)
            .Select(g => g.MaxBy(p => p.Model.Rating)!)
            .ToList();
        var usFlagships = flagships.Where(f => f.Model.Country == "US").OrderByDescending(f => f.Model.Rating).Take(3).ToList();
        var cnFlagships = flagships.Where(f => f.Model.Country == "CN").OrderByDescending(f => f.Model.Rating).Take(3).ToList();
        var ratios = (from us in usFlagships
                      from cn in cnFlagships
                      select new PriceRatio(ToReport(us.Model, lookup), ToReport(cn.Model, lookup), us.Blended / cn.Blended, us.Model.Rating - cn.Model.Rating)).ToList();

        return new ValueSection(
            PricedModel.BlendText,
            newest.Models.Count,
            priced.Count,
            priced.OrderByDescending(p => p.Model.Rating).Select(p => ToReport(p.Model, lookup)).ToList(),
            frontier.Select(p => ToReport(p.Model, lookup)).ToList(),
            within,
            best is null ? null : ToReport(best, lookup),
            cheapest is null ? null : ToReport(cheapest.Model, lookup),
            ratios,
            unpriced);
    }

    private static EfficiencySection Efficiency(RatingSnapshot newest, ReportInputs inputs)
    {
        var rows = newest.Models
            .Where(m => m.OpenWeights == true)
            .Select(m => (Model: m, Facts: inputs.Lookup(m.Key)))
            .Where(x => x.Facts?.Architecture is { ActiveParamsB: not null })
            .GroupBy(x => x.Facts!.Id)
            .Select(g => g.MaxBy(x => x.Model.Rating))
            .Select(x => new EfficiencyRow(ToReport(x.Model, inputs.Lookup), x.Facts!.Architecture!.Kind, x.Facts.Architecture.TotalParamsB, x.Facts.Architecture.ActiveParamsB, x.Facts.Architecture.Source))
            .OrderByDescending(r => r.Model.Rating)
            .ToList();

        var frontier = new List<EfficiencyRow>();
        foreach (var row in rows.OrderBy(r => r.ActiveParamsB).ThenByDescending(r => r.Model.Rating))
        {
            if (frontier.Count == 0 || row.Model.Rating > frontier[^1].Model.Rating)
            {
                frontier.Add(row);
            }
        }

        var training = inputs.Models
            .SelectMany(m => m.Training.Select(t => new TrainingRow(m.Name, m.Country, t)))
            .Where(t => t.Fact.CostUsd is not null || t.Fact.ComputeFlop is not null)
            .OrderBy(t => t.Country == "US" ? 0 : t.Country == "CN" ? 1 : 2)
            .ThenByDescending(t => t.Fact.ComputeFlop ?? 0)
            .ToList();

        // The cost model's price-vs-cost row for each open model on the board: the maker's own price where it sells
        // the model, else the catalog's primary offer (the first row the margin table lists for it).
        var margins = inputs.Margins?.Rows.GroupBy(m => m.Model).ToDictionary(g => g.Key, g => g.FirstOrDefault(m => m.FirstParty) ?? g.First());
        var serving = margins is null
            ? null
            : rows.Select(r => (Row: r, Id: inputs.Lookup(r.Model.Key)?.Id))
                .Where(x => x.Id is not null && margins.ContainsKey(x.Id))
                .Select(x => new ServingCostRow(x.Row.Model, margins[x.Id!]))
                .ToList();

        return new EfficiencySection(
            rows,
            rows.Where(r => r.Kind == "moe").MaxBy(r => r.Model.Rating),
            rows.Where(r => r.Kind == "dense").MaxBy(r => r.Model.Rating),
            frontier,
            training,
            serving,
            inputs.Margins?.Assumptions);
    }

    private static IReadOnlyList<string> Sources(IReadOnlyList<RatingSnapshot> series) =>
        series.GroupBy(s => s.Source.Split(':')[0])
            .Select(g => $"{g.Key}: {g.Count()} snapshots, {g.Min(s => s.Date):yyyy-MM-dd} → {g.Max(s => s.Date):yyyy-MM-dd}")
            .ToList();
}
