using System.Data.Common;
using System.Runtime.InteropServices;
using System.Text;
using Dapper;

namespace Parity.Gateway;

/// <summary>
/// Each virtual key's spend per UTC day, summed from ledger records as they are written to a SQLite ledger
/// and added to <c>gateway_key_daily_spend</c> in the same transaction as the records. A key's spend in
/// a budget period (which starts at midnight UTC) is then a few rows, not a scan of the ledger, and the
/// ledger needs no index by key: one index less to update per record. Not thread-safe: one per writer.
/// </summary>
internal sealed class KeySpendRollup
{
    private const int DayLength = 10; // "yyyy-MM-dd", the start of a ledger time

    private readonly Dictionary<string, decimal> sums = new(StringComparer.Ordinal); // "day|key" -> spend
    private readonly Dictionary<string, decimal>.AlternateLookup<ReadOnlySpan<char>> bySpan;

    public KeySpendRollup() => bySpan = sums.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Adds a record's cost; <paramref name="at"/> is a ledger time (see <see cref="LedgerTime"/>).</summary>
    public void Add(ReadOnlySpan<byte> keyIdUtf8, ReadOnlySpan<byte> at, decimal costUsd)
    {
        if (costUsd == 0)
        {
            return;
        }

        var length = DayLength + 1 + Encoding.UTF8.GetMaxCharCount(keyIdUtf8.Length);
        Span<char> name = length <= 256 ? stackalloc char[length] : new char[length];
        Encoding.ASCII.GetChars(at[..DayLength], name);
        name[DayLength] = '|';
        var written = DayLength + 1 + Encoding.UTF8.GetChars(keyIdUtf8, name[(DayLength + 1)..]);
        CollectionsMarshal.GetValueRefOrAddDefault(bySpan, name[..written], out _) += costUsd;
    }

    /// <summary>Adds a record's cost.</summary>
    public void Add(string keyId, DateTimeOffset at, decimal costUsd)
    {
        if (costUsd != 0)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(sums, DayOf(at) + "|" + keyId, out _) += costUsd;
        }
    }

    /// <summary>The UTC day <paramref name="at"/> falls in, as <c>gateway_key_daily_spend.day</c> holds it (<c>yyyy-MM-dd</c>).</summary>
    public static string DayOf(DateTimeOffset at) => LedgerTime.ToText(at)[..DayLength];

    /// <summary>Adds the sums to <c>gateway_key_daily_spend</c> inside <paramref name="transaction"/> and starts again.</summary>
    public void Flush(DbConnection connection, DbTransaction transaction)
    {
        try
        {
            foreach (var (name, spent) in sums)
            {
                connection.Execute(
                    "INSERT INTO gateway_key_daily_spend (key_id, day, spent_usd) VALUES (@key, @day, @spent) " +
                    "ON CONFLICT (key_id, day) DO UPDATE SET spent_usd = money_add(spent_usd, excluded.spent_usd)",
                    new { key = name[(DayLength + 1)..], day = name[..DayLength], spent = Storage.Money.Text(spent) },
                    transaction);
            }
        }
        finally
        {
            sums.Clear(); // added once: if the transaction fails, its records are written again with their sums
        }
    }
}
