namespace Parity.Catalog.Pricing;

/// <summary>
/// A list price with the period it was in force: from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive,
/// null = still), optionally only inside a daily UTC window (a discount, not the list price).
/// </summary>
/// <param name="Provider">The seller.</param>
/// <param name="Model">The catalog id.</param>
/// <param name="ApiModel">The name at the provider's API (<c>deepseek-chat</c>).</param>
/// <param name="From">Start, UTC.</param>
/// <param name="To">End, UTC, exclusive; null when still in force as far as the source knows.</param>
/// <param name="Window">A daily UTC window ("16:30-00:30") for a discount; null for the list price.</param>
/// <param name="Input">USD per million uncached input tokens.</param>
/// <param name="CachedInput">USD per million cached input tokens, when given.</param>
/// <param name="Output">USD per million output tokens.</param>
/// <param name="Basis">
/// <c>published</c>: the maker published the start (and end); <c>launch</c>: the start is the model's release and the
/// price is its launch list price, cross-checked with the feeds; <c>feed</c>: a feed shows the price in force as of its
/// date (the start is not an effective date).
/// </param>
/// <param name="Source">Who says so.</param>
/// <param name="Url">Where.</param>
/// <param name="Published">When the source was published or checked.</param>
/// <param name="Note">What the row covers, and which hours are not published.</param>
/// <param name="Line">The row's line in its file.</param>
public sealed record ListPrice(
    string Provider,
    string Model,
    string ApiModel,
    DateTimeOffset From,
    DateTimeOffset? To,
    string? Window,
    decimal Input,
    decimal? CachedInput,
    decimal Output,
    string Basis,
    string Source,
    string Url,
    string Published,
    string Note,
    int Line)
{
    /// <summary>True when the price is in force at <paramref name="at"/> (the window is ignored: discounts are not list prices).</summary>
    public bool InForceAt(DateTimeOffset at) => From <= at && (To is null || at < To);

    /// <summary>The period in words: "2025-02-08 16:00 → 2025-09-05 16:00 UTC", "as of 2026-07-24 (feed)".</summary>
    public string PeriodText => Basis == "feed"
        ? $"in force as of {Time(From)} (feed date, not an effective date){(To is null ? "" : $" until {Time(To.Value)}")}"
        : $"{Time(From)} UTC → {(To is { } to ? Time(to) + " UTC" : "still in force")}{(Basis == "launch" ? " (start = release)" : "")}";

    private static string Time(DateTimeOffset t) => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
