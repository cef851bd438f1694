using Parity.Analysis;
using Parity.Claims;

namespace Parity.Reports;

/// <summary>Everything the head-to-head report is computed from.</summary>
/// <param name="Boards">Every leaderboard snapshot per board (<c>text</c>, <c>text-style-control</c>), all sources; the report picks one source per era.</param>
/// <param name="Lookup">Catalog facts for a leaderboard model key, or null when the catalog does not know the model.</param>
/// <param name="Models">Every catalog model (for the training-cost table).</param>
/// <param name="Claims">The claims to check.</param>
/// <param name="ClaimsFile">Where the claims come from.</param>
/// <param name="Trackers">The tracker headlines of the claims file.</param>
/// <param name="Evidence">The evidence series claims read (none when null).</param>
/// <param name="PriceHistory">List prices with effective dates (none when null: prices are the catalog's feeds only).</param>
/// <param name="Margins">The cost model's list prices against serving cost (section 4; none when null).</param>
public sealed record ReportInputs(
    IReadOnlyDictionary<string, IReadOnlyList<RatingSnapshot>> Boards,
    Func<string, ModelFacts?> Lookup,
    IReadOnlyList<ModelFacts> Models,
    IReadOnlyList<Claim> Claims,
    string ClaimsFile,
    IReadOnlyList<Tracker>? Trackers = null,
    Parity.Evidence.EvidenceSet? Evidence = null,
    Parity.Catalog.Pricing.PriceHistory? PriceHistory = null,
    Parity.Costs.MarginReport? Margins = null);
