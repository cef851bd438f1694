using System.Globalization;

namespace Parity.Catalog.Updates;

/// <summary>A model whose new leaderboard score lies outside the 95% interval it had on the board's previous snapshot.</summary>
/// <param name="ModelKey">LMArena's model key.</param>
/// <param name="Before">The score on the previous snapshot.</param>
/// <param name="After">The score on the new one.</param>
/// <param name="LowerBefore">The previous interval's lower end.</param>
/// <param name="UpperBefore">The previous interval's upper end.</param>
public sealed record RatingMove(string ModelKey, double Before, double After, double LowerBefore, double UpperBefore)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{ModelKey} {Before:0.0} → {After:0.0} (was {LowerBefore:0.0}–{UpperBefore:0.0})");
}
