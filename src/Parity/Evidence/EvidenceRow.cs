namespace Parity.Evidence;

/// <summary>One figure of an evidence series (a row of a CSV under <c>data/evidence/</c>), with its source and when it became public.</summary>
/// <param name="Series">The series (file name without extension), e.g. <c>investment</c>.</param>
/// <param name="Line">The row's line in its file.</param>
/// <param name="Fields">Every column of the row by header name.</param>
/// <param name="Value">The row's figure (the series' value column).</param>
/// <param name="Source">Who published the figure.</param>
/// <param name="Url">Where.</param>
/// <param name="Published">When it was published, as the row gives it (a day or a month).</param>
/// <param name="Available">The first day Parity counts the figure as known: the publication day, or the last day of the publication month.</param>
public sealed record EvidenceRow(string Series, int Line, IReadOnlyDictionary<string, string> Fields, double Value, string Source, string Url, string Published, DateOnly Available)
{
    /// <summary>A column's value, or "" when the row has none.</summary>
    public string this[string column] => Fields.GetValueOrDefault(column, "");

    /// <summary>The period the figure covers, from whichever period columns the series has.</summary>
    public string Period =>
        Fields.TryGetValue("period_start", out var start) && Fields.TryGetValue("period_end", out var end) ? $"{start} → {end}"
        : Fields.TryGetValue("period", out var p) ? p
        : Fields.TryGetValue("year", out var y) ? y
        : Fields.TryGetValue("as_of", out var a) ? a
        : Fields.GetValueOrDefault("date_recorded", "");
}
