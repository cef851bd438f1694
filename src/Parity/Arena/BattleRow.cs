namespace Parity.Arena;

/// <summary>
/// One battle as a reader sees it, reused from row to row (readers never keep rows). Model and
/// language names are interned in <see cref="NameTable"/>s, so reading allocates almost nothing.
/// </summary>
internal struct BattleRow
{
    public int ModelA;
    public int ModelB;
    public BattleOutcome Outcome;

    /// <summary>Unix seconds, NaN when the row has none.</summary>
    public double Tstamp;

    public bool? Anonymous;
    public bool? DedupSampled;

    /// <summary>Index in the language table, -1 when the row has none.</summary>
    public int Language;

    public bool HasCategoryInfo;
    public BattleCategories Categories;

    /// <summary>The eight style counts of <c>conv_metadata</c> (tokens, headers, lists, bold; a then b).</summary>
    public StyleCounts Style;
    public bool HasStyle;

    /// <summary>1-based record number in the file (data rows, not counting a CSV header).</summary>
    public long Record;

    /// <summary>1-based line where the record ends (JSON) or sits (CSV).</summary>
    public long Line;

    public void Reset()
    {
        ModelA = -1;
        ModelB = -1;
        Outcome = BattleOutcome.Tie;
        Tstamp = double.NaN;
        Anonymous = null;
        DedupSampled = null;
        Language = -1;
        HasCategoryInfo = false;
        Categories = BattleCategories.None;
        Style = default;
        HasStyle = false;
    }
}
