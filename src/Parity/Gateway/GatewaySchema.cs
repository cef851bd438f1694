using Parity.Storage;

namespace Parity.Gateway;

/// <summary>The gateway's tables: the usage ledger, virtual keys, and the shared budget and rate-limit state.</summary>
internal static class GatewaySchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(400, "gateway ledger",
            Sqlite: """
                CREATE TABLE gateway_ledger (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    request_id TEXT NOT NULL,
                    at TEXT NOT NULL,
                    key_id TEXT,
                    route TEXT NOT NULL,
                    model TEXT,
                    provider TEXT,
                    vendor TEXT,
                    origin TEXT,
                    open_weights INTEGER,
                    input_tokens INTEGER NOT NULL,
                    output_tokens INTEGER NOT NULL,
                    cached_tokens INTEGER NOT NULL,
                    cost_usd REAL NOT NULL,
                    latency_ms REAL NOT NULL,
                    status INTEGER NOT NULL,
                    error TEXT,
                    streamed INTEGER NOT NULL,
                    attempts INTEGER NOT NULL,
                    usage_source TEXT NOT NULL,
                    node TEXT NOT NULL
                );
                CREATE INDEX gateway_ledger_at ON gateway_ledger (at);
                CREATE INDEX gateway_ledger_key ON gateway_ledger (key_id, at);
                """,
            Postgres: """
                CREATE TABLE gateway_ledger (
                    id BIGSERIAL PRIMARY KEY,
                    request_id TEXT NOT NULL,
                    at TEXT NOT NULL,
                    key_id TEXT,
                    route TEXT NOT NULL,
                    model TEXT,
                    provider TEXT,
                    vendor TEXT,
                    origin TEXT,
                    open_weights INTEGER,
                    input_tokens BIGINT NOT NULL,
                    output_tokens BIGINT NOT NULL,
                    cached_tokens BIGINT NOT NULL,
                    cost_usd DOUBLE PRECISION NOT NULL,
                    latency_ms DOUBLE PRECISION NOT NULL,
                    status INTEGER NOT NULL,
                    error TEXT,
                    streamed INTEGER NOT NULL,
                    attempts INTEGER NOT NULL,
                    usage_source TEXT NOT NULL,
                    node TEXT NOT NULL
                );
                CREATE INDEX gateway_ledger_at ON gateway_ledger (at);
                CREATE INDEX gateway_ledger_key ON gateway_ledger (key_id, at);
                """),
        new(401, "gateway virtual keys",
            Sqlite: """
                CREATE TABLE gateway_keys (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    key_hash TEXT NOT NULL UNIQUE,
                    key_prefix TEXT NOT NULL,
                    budget_usd REAL,
                    budget_period TEXT NOT NULL,
                    rpm INTEGER,
                    tpm INTEGER,
                    created_at TEXT NOT NULL,
                    revoked_at TEXT
                );
                """,
            Postgres: """
                CREATE TABLE gateway_keys (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    key_hash TEXT NOT NULL UNIQUE,
                    key_prefix TEXT NOT NULL,
                    budget_usd DOUBLE PRECISION,
                    budget_period TEXT NOT NULL,
                    rpm INTEGER,
                    tpm INTEGER,
                    created_at TEXT NOT NULL,
                    revoked_at TEXT
                );
                """),
        new(402, "gateway shared budget and rate-limit state",
            Sqlite: """
                CREATE TABLE gateway_key_spend (
                    key_id TEXT NOT NULL,
                    period_start TEXT NOT NULL,
                    spent_usd REAL NOT NULL,
                    reserved_usd REAL NOT NULL,
                    PRIMARY KEY (key_id, period_start)
                );
                CREATE TABLE gateway_key_windows (
                    key_id TEXT NOT NULL,
                    window_start TEXT NOT NULL,
                    requests INTEGER NOT NULL,
                    tokens INTEGER NOT NULL,
                    PRIMARY KEY (key_id, window_start)
                );
                """,
            Postgres: """
                CREATE TABLE gateway_key_spend (
                    key_id TEXT NOT NULL,
                    period_start TEXT NOT NULL,
                    spent_usd DOUBLE PRECISION NOT NULL,
                    reserved_usd DOUBLE PRECISION NOT NULL,
                    PRIMARY KEY (key_id, period_start)
                );
                CREATE TABLE gateway_key_windows (
                    key_id TEXT NOT NULL,
                    window_start TEXT NOT NULL,
                    requests BIGINT NOT NULL,
                    tokens BIGINT NOT NULL,
                    PRIMARY KEY (key_id, window_start)
                );
                """),
        new(403, "gateway ledger log import positions",
            Sqlite: """
                CREATE TABLE gateway_ledger_import (
                    segment TEXT PRIMARY KEY,
                    imported_bytes INTEGER NOT NULL
                );
                """,
            Postgres: """
                CREATE TABLE gateway_ledger_import (
                    segment TEXT PRIMARY KEY,
                    imported_bytes BIGINT NOT NULL
                );
                """),
        new(404, "gateway spend per key and day instead of a ledger index by key",
            // SQLite: the ledger import sums each key's spend per UTC day (KeySpendRollup), so a budget's
            // spend is read from a few rows and the ledger has one index less to update per record.
            // PostgreSQL keeps budgets in gateway_key_spend and is unchanged.
            Sqlite: """
                CREATE TABLE gateway_key_daily_spend (
                    key_id TEXT NOT NULL,
                    day TEXT NOT NULL,
                    spent_usd REAL NOT NULL,
                    PRIMARY KEY (key_id, day)
                ) WITHOUT ROWID;
                INSERT INTO gateway_key_daily_spend (key_id, day, spent_usd)
                    SELECT key_id, substr(at, 1, 10), SUM(cost_usd) FROM gateway_ledger
                    WHERE key_id IS NOT NULL AND cost_usd <> 0 GROUP BY key_id, substr(at, 1, 10);
                DROP INDEX gateway_ledger_key;
                """,
            Postgres: "SELECT 1"),
        new(405, "gateway money as exact decimals",
            // Money was binary floating point (a reservation of 1.9e-16 left after release, a spend of
            // 0.18000000000000005). SQLite has no decimal type: amounts become TEXT holding the decimal's
            // invariant form, summed by money_sum (see Storage.Money); a column's type can only change by
            // copying the table. An existing REAL keeps its shortest 15-digit form ('0.18'). PostgreSQL: NUMERIC.
            Sqlite: """
                CREATE TABLE gateway_ledger_405 (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    request_id TEXT NOT NULL,
                    at TEXT NOT NULL,
                    key_id TEXT,
                    route TEXT NOT NULL,
                    model TEXT,
                    provider TEXT,
                    vendor TEXT,
                    origin TEXT,
                    open_weights INTEGER,
                    input_tokens INTEGER NOT NULL,
                    output_tokens INTEGER NOT NULL,
                    cached_tokens INTEGER NOT NULL,
                    cost_usd TEXT NOT NULL,
                    latency_ms REAL NOT NULL,
                    status INTEGER NOT NULL,
                    error TEXT,
                    streamed INTEGER NOT NULL,
                    attempts INTEGER NOT NULL,
                    usage_source TEXT NOT NULL,
                    node TEXT NOT NULL
                );
                INSERT INTO gateway_ledger_405 SELECT id, request_id, at, key_id, route, model, provider, vendor, origin, open_weights,
                    input_tokens, output_tokens, cached_tokens, CAST(cost_usd AS TEXT), latency_ms, status, error, streamed, attempts, usage_source, node
                    FROM gateway_ledger;
                DROP TABLE gateway_ledger;
                ALTER TABLE gateway_ledger_405 RENAME TO gateway_ledger;
                CREATE INDEX gateway_ledger_at ON gateway_ledger (at);

                CREATE TABLE gateway_keys_405 (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    key_hash TEXT NOT NULL UNIQUE,
                    key_prefix TEXT NOT NULL,
                    budget_usd TEXT,
                    budget_period TEXT NOT NULL,
                    rpm INTEGER,
                    tpm INTEGER,
                    created_at TEXT NOT NULL,
                    revoked_at TEXT
                );
                INSERT INTO gateway_keys_405 SELECT id, name, key_hash, key_prefix, CAST(budget_usd AS TEXT), budget_period, rpm, tpm, created_at, revoked_at FROM gateway_keys;
                DROP TABLE gateway_keys;
                ALTER TABLE gateway_keys_405 RENAME TO gateway_keys;

                CREATE TABLE gateway_key_spend_405 (
                    key_id TEXT NOT NULL,
                    period_start TEXT NOT NULL,
                    spent_usd TEXT NOT NULL,
                    reserved_usd TEXT NOT NULL,
                    PRIMARY KEY (key_id, period_start)
                );
                INSERT INTO gateway_key_spend_405 SELECT key_id, period_start, CAST(spent_usd AS TEXT), CAST(reserved_usd AS TEXT) FROM gateway_key_spend;
                DROP TABLE gateway_key_spend;
                ALTER TABLE gateway_key_spend_405 RENAME TO gateway_key_spend;

                CREATE TABLE gateway_key_daily_spend_405 (
                    key_id TEXT NOT NULL,
                    day TEXT NOT NULL,
                    spent_usd TEXT NOT NULL,
                    PRIMARY KEY (key_id, day)
                ) WITHOUT ROWID;
                INSERT INTO gateway_key_daily_spend_405 SELECT key_id, day, CAST(spent_usd AS TEXT) FROM gateway_key_daily_spend;
                DROP TABLE gateway_key_daily_spend;
                ALTER TABLE gateway_key_daily_spend_405 RENAME TO gateway_key_daily_spend;
                """,
            Postgres: """
                ALTER TABLE gateway_ledger ALTER COLUMN cost_usd TYPE NUMERIC USING cost_usd::numeric;
                ALTER TABLE gateway_keys ALTER COLUMN budget_usd TYPE NUMERIC USING budget_usd::numeric;
                ALTER TABLE gateway_key_spend ALTER COLUMN spent_usd TYPE NUMERIC USING spent_usd::numeric,
                    ALTER COLUMN reserved_usd TYPE NUMERIC USING reserved_usd::numeric;
                """),
        new(440, "gateway ledger: a learned route's decision",
            // The router's P(strong model wins) on the prompt, the threshold it was compared with, and the model
            // it picked (model differs when that one failed and the other took over). Null for other routes.
            Sqlite: """
                ALTER TABLE gateway_ledger ADD COLUMN route_score REAL;
                ALTER TABLE gateway_ledger ADD COLUMN route_threshold REAL;
                ALTER TABLE gateway_ledger ADD COLUMN route_choice TEXT;
                """,
            Postgres: """
                ALTER TABLE gateway_ledger ADD COLUMN route_score DOUBLE PRECISION,
                    ADD COLUMN route_threshold DOUBLE PRECISION,
                    ADD COLUMN route_choice TEXT;
                """),
    ];
}
