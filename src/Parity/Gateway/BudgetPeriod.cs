namespace Parity.Gateway;

/// <summary>The period a virtual key's budget renews over (calendar periods in UTC).</summary>
public enum BudgetPeriod
{
    Day,
    Week,
    Month,

    /// <summary>Never renews.</summary>
    Total,
}

/// <summary>Start of the current budget period.</summary>
public static class BudgetPeriods
{
    public static DateTimeOffset StartOf(BudgetPeriod period, DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return period switch
        {
            BudgetPeriod.Day => new DateTimeOffset(utc.Date, TimeSpan.Zero),
            BudgetPeriod.Week => new DateTimeOffset(utc.Date.AddDays(-(((int)utc.DayOfWeek + 6) % 7)), TimeSpan.Zero),
            BudgetPeriod.Month => new DateTimeOffset(utc.Year, utc.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => DateTimeOffset.UnixEpoch,
        };
    }

    public static BudgetPeriod Parse(string text, string where) => text.ToLowerInvariant() switch
    {
        "day" or "daily" => BudgetPeriod.Day,
        "week" or "weekly" => BudgetPeriod.Week,
        "month" or "monthly" => BudgetPeriod.Month,
        "total" or "none" => BudgetPeriod.Total,
        _ => throw new ParityException($"{where}: '{text}' is not a budget period (day, week, month, total)."),
    };
}
