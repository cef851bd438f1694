using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Parity.Storage;

/// <summary>
/// Money in the store, kept exact: PostgreSQL holds it as <c>NUMERIC</c> and sums it with <c>SUM</c>;
/// SQLite has no decimal type, so it holds it as <c>TEXT</c> (the decimal's invariant form, e.g.
/// <c>0.015</c>) and sums and adds it with two functions every Parity connection registers,
/// <c>money_sum(x)</c> and <c>money_add(a, b)</c>, computed in <see cref="decimal"/>. (SQLite's own
/// <c>SUM</c> would turn the text into binary floating point.)
/// </summary>
public static class Money
{
    /// <summary>SQL that sums a money column in <paramref name="dialect"/>; NULL over no rows.</summary>
    public static string Sum(SqlDialect dialect, string expression) =>
        dialect == SqlDialect.Sqlite ? $"money_sum({expression})" : $"SUM({expression})";

    /// <summary>A money value as the store returned it (TEXT, NUMERIC, or a REAL or INTEGER an older store holds); null for NULL.</summary>
    public static decimal? Read(object? value) => value switch
    {
        null or DBNull => null,
        decimal d => d,
        string s => Parse(s),
        long l => l,
        int i => i,
        double f => (decimal)f,
        _ => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
    };

    /// <summary>The text SQLite keeps for an amount: invariant, no exponent, no trailing zeros beyond the value's scale.</summary>
    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal Parse(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ParityException($"The store holds '{text}' where an amount of money belongs.");

    /// <summary>Registers <c>money_sum</c> and <c>money_add</c> on a SQLite connection.</summary>
    internal static void Register(SqliteConnection connection)
    {
        connection.CreateAggregate<object?, (decimal Sum, bool Any), string?>(
            "money_sum",
            (0m, false),
            (state, value) => Read(value) is { } amount ? (state.Sum + amount, true) : state,
            state => state.Any ? Text(state.Sum) : null,
            isDeterministic: true);
        connection.CreateFunction<object?, object?, string?>(
            "money_add",
            (a, b) => Read(a) is { } x ? Text(x + (Read(b) ?? 0)) : Read(b) is { } y ? Text(y) : null,
            isDeterministic: true);
    }
}
