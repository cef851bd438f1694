namespace Parity.Claims;

/// <summary>
/// One checkable reading of a claim's sentence: a typed, parameterised test ("every variant scores ≥ 1419",
/// "the output price is $1.10 ± 5 %"). A claim carries one or more of them; each type knows how to check itself
/// against <see cref="ClaimData"/>, on the data in force at the data's as-of date.
/// </summary>
public abstract class ClaimTest
{
    /// <summary>The id of the claim the test belongs to.</summary>
    public required string Id { get; init; }

    /// <summary>The sentence as it was written in the coverage.</summary>
    public required string Sentence { get; init; }

    /// <summary>Who said it, where and when.</summary>
    public string? Said { get; init; }

    /// <summary>The test type, e.g. <c>rating-range</c>.</summary>
    public required string Type { get; init; }

    /// <summary>Where the test is: file and line.</summary>
    public required string Location { get; init; }

    /// <summary>The reading's name ("every variant", "around = ±10 points"); "as written" for a claim without readings.</summary>
    public string Reading { get; init; } = "as written";

    /// <summary>
    /// <c>reading</c> (counts in the verdict) or <c>context</c> (shown with its own verdict, e.g. another measure
    /// of the same figure, but not counted).
    /// </summary>
    public string Role { get; init; } = "reading";

    /// <summary>The file's own words on why this reading (a tolerance, a measure), shown beside it.</summary>
    public string? Note { get; init; }

    /// <summary>The model names the test uses, with the field each comes from, so a file naming an unknown model fails before any check.</summary>
    public virtual IEnumerable<(string Field, string Name)> ModelNames => [];

    /// <summary>The evidence series the test reads, with the field, so a file naming a series Parity lacks fails up front.</summary>
    public virtual IEnumerable<(string Field, string Name)> SeriesNames => [];

    /// <summary>True when the test reads data that change with the as-of date (prices, evidence series, the newest snapshot).</summary>
    public virtual bool Volatile => false;

    /// <summary>The moments the data this test reads change (price rules, snapshots, figures published), for its time line.</summary>
    public virtual IEnumerable<DateTimeOffset> ChangeMoments(ClaimData data) => [];

    /// <summary>Midnight UTC of a date, as a moment.</summary>
    protected static DateTimeOffset Moment(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The dates of a board's snapshots (or the one pinned date), as moments.</summary>
    protected static IEnumerable<DateTimeOffset> BoardMoments(ClaimData data, string board, DateOnly? pinned) =>
        pinned is { } d ? [Moment(d)] : data.Boards.GetValueOrDefault(board, []).Select(s => Moment(s.Date));

    /// <summary>The publication days of a series' rows, as moments.</summary>
    protected static IEnumerable<DateTimeOffset> SeriesMoments(ClaimData data, string series) =>
        data.Evidence.All(series).Select(r => Moment(r.Available));

    /// <summary>Checks the test.</summary>
    public abstract ReadingResult Check(ClaimData data);

    /// <summary>An error naming this claim.</summary>
    public ParityException Error(string message) => new($"{Location}: claim '{Id}': {message}");

    /// <summary>"Not yet": the data this reading needs do not exist on the as-of date (a snapshot, a price, a figure published later).</summary>
    public NoDataYetException NotYet(string message) => new(message);
}
