namespace Parity.Analysis;

/// <summary>A stretch of time with no usable snapshot in a gap series.</summary>
/// <param name="From">Last date with a snapshot before the hole.</param>
/// <param name="To">First date with a snapshot after it.</param>
/// <param name="Reason">Why the series has no point there.</param>
public sealed record GapSeriesHole(DateOnly From, DateOnly To, string Reason)
{
    public int Days => To.DayNumber - From.DayNumber;
}
