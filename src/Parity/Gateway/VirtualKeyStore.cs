using System.Security.Cryptography;
using System.Text;
using Dapper;
using Parity.Storage;

namespace Parity.Gateway;

/// <summary>Creates, lists, finds and revokes virtual keys in the store. Thread-safe (one lock around the connection).</summary>
public sealed class VirtualKeyStore
{
    private readonly ParityStore store;
    private readonly Lock gate = new();

    public VirtualKeyStore(ParityStore store) => this.store = store;

    /// <summary>SHA-256 of a key's secret, lower-case hex: what the store keeps.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Issues a new key; the secret is returned once and never stored.</summary>
    public (VirtualKey Key, string Secret) Create(string name, decimal? budgetUsd, BudgetPeriod period, int? rpm, int? tpm, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ParityException("A key needs a name.");
        }

        if (budgetUsd < 0 || rpm <= 0 || tpm <= 0)
        {
            throw new ParityException("budgetUsd must be non-negative, rpm and tpm positive.");
        }

        var secret = "pk-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var key = new VirtualKey
        {
            Id = "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            Name = name,
            Prefix = secret[..7],
            BudgetUsd = budgetUsd,
            Period = period,
            Rpm = rpm,
            Tpm = tpm,
            CreatedAt = now,
        };
        lock (gate)
        {
            store.Connection.Execute(
                """
                INSERT INTO gateway_keys (id, name, key_hash, key_prefix, budget_usd, budget_period, rpm, tpm, created_at, revoked_at)
                VALUES (@Id, @Name, @Hash, @Prefix, @BudgetUsd, @Period, @Rpm, @Tpm, @CreatedAt, NULL)
                """,
                new { key.Id, key.Name, Hash = Hash(secret), key.Prefix, key.BudgetUsd, Period = key.Period.ToString().ToLowerInvariant(), key.Rpm, key.Tpm, CreatedAt = LedgerTime.ToText(now) });
        }

        return (key, secret);
    }

    /// <summary>The key whose secret hashes to <paramref name="hash"/>, revoked or not; null if none.</summary>
    public VirtualKey? FindByHash(string hash)
    {
        lock (gate)
        {
            var row = store.Connection.QuerySingleOrDefault<KeyRow>(Select + " WHERE key_hash = @hash", new { hash });
            return row?.ToKey();
        }
    }

    public VirtualKey? Find(string id)
    {
        lock (gate)
        {
            var row = store.Connection.QuerySingleOrDefault<KeyRow>(Select + " WHERE id = @id", new { id });
            return row?.ToKey();
        }
    }

    public IReadOnlyList<VirtualKey> List()
    {
        lock (gate)
        {
            return store.Connection.Query<KeyRow>(Select + " ORDER BY created_at, id").Select(r => r.ToKey()).ToList();
        }
    }

    /// <summary>Revokes a key; false when there is no such key.</summary>
    public bool Revoke(string id, DateTimeOffset now)
    {
        lock (gate)
        {
            return store.Connection.Execute("UPDATE gateway_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", new { id, at = LedgerTime.ToText(now) }) > 0
                || store.Connection.ExecuteScalar<int>("SELECT COUNT(*) FROM gateway_keys WHERE id = @id", new { id }) > 0;
        }
    }

    /// <summary>The ledger's spend of a key since a moment (what it has cost so far in a budget period).</summary>
    public decimal SpentSince(string keyId, DateTimeOffset since)
    {
        lock (gate)
        {
            LedgerLog.ImportPending(store);
            if (store.Dialect != SqlDialect.Sqlite)
            {
                return Money.Read(store.Connection.ExecuteScalar(
                    "SELECT SUM(cost_usd) FROM gateway_ledger WHERE key_id = @keyId AND at >= @since",
                    new { keyId, since = LedgerTime.ToText(since) })) ?? 0;
            }

            // Whole days from the spend per day (see KeySpendRollup); a start within a day (budget periods
            // start at midnight UTC, so only for other callers) adds the rest of that day from the ledger.
            var day = new DateTimeOffset(since.UtcDateTime.Date, TimeSpan.Zero);
            var wholeDaysFrom = day == since ? day : day.AddDays(1);
            var spent = Money.Read(store.Connection.ExecuteScalar(
                "SELECT money_sum(spent_usd) FROM gateway_key_daily_spend WHERE key_id = @keyId AND day >= @day",
                new { keyId, day = KeySpendRollup.DayOf(wholeDaysFrom) })) ?? 0;
            if (wholeDaysFrom != since)
            {
                spent += Money.Read(store.Connection.ExecuteScalar(
                    "SELECT money_sum(cost_usd) FROM gateway_ledger WHERE key_id = @keyId AND at >= @since AND at < @until",
                    new { keyId, since = LedgerTime.ToText(since), until = LedgerTime.ToText(wholeDaysFrom) })) ?? 0;
            }

            return spent;
        }
    }

    /// <summary>Runs a query on the store under the same lock as the key operations (the connection is not thread-safe).</summary>
    public T Read<T>(Func<ParityStore, T> query)
    {
        lock (gate)
        {
            return query(store);
        }
    }

    private const string Select = "SELECT id, name, key_prefix AS prefix, budget_usd AS budgetusd, budget_period AS period, rpm, tpm, created_at AS createdat, revoked_at AS revokedat FROM gateway_keys";

    private sealed class KeyRow
    {
        public string Id { get; set; } = "";

        public string Name { get; set; } = "";

        public string Prefix { get; set; } = "";

        public object? BudgetUsd { get; set; }

        public string Period { get; set; } = "month";

        public long? Rpm { get; set; }

        public long? Tpm { get; set; }

        public string CreatedAt { get; set; } = "";

        public string? RevokedAt { get; set; }

        public VirtualKey ToKey() => new()
        {
            Id = Id,
            Name = Name,
            Prefix = Prefix,
            BudgetUsd = Money.Read(BudgetUsd),
            Period = BudgetPeriods.Parse(Period, $"gateway_keys row {Id}, budget_period"),
            Rpm = (int?)Rpm,
            Tpm = (int?)Tpm,
            CreatedAt = LedgerTime.Parse(CreatedAt),
            RevokedAt = RevokedAt is null ? null : LedgerTime.Parse(RevokedAt),
        };
    }
}
