using System.Globalization;
using System.Text.RegularExpressions;

namespace Parity.Claims;

/// <summary>
/// Checks claims: validates that every model and series a file names exists, runs every reading on the data as of
/// the data's moment, combines the readings by <see cref="ClaimRule"/>, and for claims on prices and evidence series
/// walks their data's history to find the dates the verdict changed (and whether a false claim is outdated).
/// </summary>
public static partial class ClaimChecker
{
    /// <summary>Checks every claim; the first claim naming something the data lack stops the run with an error naming it.</summary>
    public static IReadOnlyList<ClaimResult> CheckAll(IEnumerable<Claim> claims, ClaimData data)
    {
        var list = claims.ToList();
        Validate(list, data);
        return list.Select(c => Check(c, data, c.Volatile)).ToList();
    }

    /// <summary>The claims report: every claim and tracker, with the rule, the as-of date and the sources.</summary>
    public static ClaimsReport Report(ClaimSet set, string file, ClaimData data, IReadOnlyList<string> sources)
    {
        var results = CheckAll(set.Claims, data);
        return new ClaimsReport(file, data.AsOfDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "newest data", ClaimRule.RuleText, ClaimRule.MethodText,
            sources, results, Trackers(set.Trackers, results));
    }

    /// <summary>Fails with a one-line error naming file, claim and field for a model or series Parity does not know.</summary>
    public static void Validate(IEnumerable<Claim> claims, ClaimData data)
    {
        foreach (var claim in claims)
        {
            foreach (var test in claim.Readings)
            {
                foreach (var (field, name) in test.ModelNames)
                {
                    if (!data.KnowsModel(name))
                    {
                        throw new ParityException($"{test.Location}: claim '{claim.Id}': field '{field}' names unknown model '{name}' (not in the catalog, on any leaderboard snapshot or in the price history).");
                    }
                }

                foreach (var (field, name) in test.SeriesNames)
                {
                    if (!data.Evidence.Has(name))
                    {
                        throw new ParityException($"{test.Location}: claim '{claim.Id}': field '{field}' names series '{name}', which Parity does not have (known: {string.Join(", ", data.Evidence.Names)}).");
                    }
                }
            }
        }
    }

    /// <summary>Checks one claim; with <paramref name="timeline"/> also its verdict over its data's history up to the as-of moment.</summary>
    public static ClaimResult Check(Claim claim, ClaimData data, bool timeline)
    {
        var readings = Run(claim, data);
        var decision = ClaimRule.Combine(readings);
        var periods = timeline ? History(claim, data) : [];
        var verdict = decision.Verdict;
        var why = decision.Why;
        if (ClaimRule.IsFalse(verdict) && periods.LastOrDefault(p => ClaimRule.IsTrue(p.Verdict)) is { } held)
        {
            verdict = ClaimVerdict.Outdated;
            why = $"held {Span(held)} ({ClaimRule.Text(held.Verdict)}), not since; now {why}";
        }

        var deciding = readings.FirstOrDefault(r => r.Name == decision.DecidedBy);
        var summary = (deciding?.Summary ?? readings[0].Summary) + (claim.Coverage is { } cov ? $" Data cover: {cov}." : "");
        var wouldDecide = decision.Verdict == ClaimVerdict.Undecided
            ? string.Join("; ", readings.Where(r => r.WouldDecide is not null).Select(r => r.WouldDecide!).Distinct()) is { Length: > 0 } w ? w : null
            : null;
        return new ClaimResult(claim.Id, claim.Type, claim.Sentence, claim.Said, verdict, decision.Confidence, decision.PTrue, decision.DecidedBy, why, summary,
            readings, periods, periods.Count > 0 ? TimelineText(periods) : null, wouldDecide, claim.Tracker, claim.SeedLabel,
            claim.SeedLabel is { } label ? Agrees(label, verdict, decision.PTrue) : null, claim.Coverage);
    }

    /// <summary>The claim's verdict over every moment its data change, up to the as-of moment; consecutive equal verdicts merged.</summary>
    public static IReadOnlyList<ClaimPeriod> History(Claim claim, ClaimData data)
    {
        var moments = claim.Readings.SelectMany(r => r.ChangeMoments(data))
            .Where(m => data.AsOf is null || m <= data.AsOf)
            .Distinct().Order().ToList();
        if (moments.Count == 0)
        {
            return [];
        }

        var periods = new List<ClaimPeriod>();
        var before = ClaimRule.Combine(Run(claim, data.At(moments[0].AddSeconds(-1))));
        periods.Add(new ClaimPeriod(null, moments[0], before.Verdict, before.PTrue, null));
        foreach (var moment in moments)
        {
            var decision = ClaimRule.Combine(Run(claim, data.At(moment)));
            var last = periods[^1];
            if (decision.Verdict == last.Verdict)
            {
                continue;
            }

            periods[^1] = last with { To = moment };
            periods.Add(new ClaimPeriod(moment, null, decision.Verdict, decision.PTrue, null));
        }

        periods[^1] = periods[^1] with { To = null };
        return periods;
    }

    /// <summary>"undecided before 2024-12-26; false from 2024-12-26 to 2025-02-08 16:00; true from … to …; false since 2025-09-05 16:00".</summary>
    public static string TimelineText(IReadOnlyList<ClaimPeriod> periods) =>
        string.Join("; ", periods.Select(p => $"{ClaimRule.TimelineWord(p.Verdict)} {Span(p)}"));

    /// <summary>The tracker headlines: Parity's verdict over each headline's lines, the seed's label, and the lines where they disagree.</summary>
    public static IReadOnlyList<TrackerResult> Trackers(IReadOnlyList<Tracker> trackers, IReadOnlyList<ClaimResult> results) =>
        trackers.Select(t =>
        {
            var lines = results.Where(r => r.Tracker == t.Id).ToList();
            var asReadings = lines.Select(l => new ReadingResult(l.Id, l.Type, "reading",
                l.PTrue is null ? ReadingVerdict.NoData : ClaimRule.ReadingVerdictOf(l.PTrue.Value), l.PTrue, l.Summary, "", [])).ToList();
            var decision = asReadings.Count > 0 ? ClaimRule.Combine(asReadings) : new ClaimDecision(ClaimVerdict.Undecided, null, null, null, "the tracker has no lines");
            var seedConfidence = t.Label is { } label && Percent().Match(label) is { Success: true } m
                ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 100
                : (double?)null;
            var disagreements = lines.Where(l => l.SeedAgrees == false)
                .Select(l => $"{l.Id}: the seed says '{l.SeedLabel}', Parity says {l.VerdictText}{(l.Confidence is { } c ? $" ({c.ToString("P0", CultureInfo.InvariantCulture)})" : "")} — {l.Why}")
                .ToList();
            if (seedConfidence is { } sc && decision.PTrue is { } p && Math.Abs(sc - p) > 0.2)
            {
                disagreements.Insert(0, $"headline: the seed gives it {t.Label}; Parity's lines give P(true) {p.ToString("P0", CultureInfo.InvariantCulture)} ({ClaimRule.Text(decision.Verdict)})");
            }

            return new TrackerResult(t.Id, t.Headline, t.Label, seedConfidence, decision.Verdict, decision.Confidence, decision.PTrue, decision.Why,
                lines.Where(l => l.SeedLabel == "confirmed").Select(l => l.Id).ToList(),
                lines.Where(l => l.SeedLabel == "unconfirmed").Select(l => l.Id).ToList(),
                disagreements);
        }).ToList();

    /// <summary>Whether Parity's verdict agrees with the seed's label: confirmed ↔ confirmed or mostly true; unconfirmed ↔ undecided or mixed; "NN %" ↔ P(true) within 20 points.</summary>
    public static bool? Agrees(string label, ClaimVerdict verdict, double? pTrue)
    {
        var text = label.Trim().ToLowerInvariant();
        if (text == "confirmed")
        {
            return ClaimRule.IsTrue(verdict);
        }

        if (text == "unconfirmed")
        {
            return verdict is ClaimVerdict.Undecided or ClaimVerdict.Mixed;
        }

        return Percent().Match(text) is { Success: true } m && pTrue is { } p
            ? Math.Abs(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / 100 - p) <= 0.2
            : null;
    }

    private static List<ReadingResult> Run(Claim claim, ClaimData data) =>
        claim.Readings.Select(test =>
        {
            try
            {
                return test.Check(data);
            }
            catch (NoDataYetException ex)
            {
                return ReadingResult.NoData(test, $"Not yet: {ex.Message}.", "the data in force on a later date");
            }
        }).ToList();

    private static string Span(ClaimPeriod p) =>
        p.From is null && p.To is null ? "throughout the data"
        : p.From is null ? $"before {Time(p.To!.Value)}" : p.To is null ? $"since {Time(p.From.Value)}" : $"from {Time(p.From.Value)} to {Time(p.To.Value)}";

    private static string Time(DateTimeOffset t) =>
        t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)\s*%")]
    private static partial Regex Percent();
}
