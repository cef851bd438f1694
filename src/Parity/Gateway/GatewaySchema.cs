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
        new(420, "gateway leases of budgets and limits, and one ledger row per request id",
            // PostgreSQL: each node leases slices of a key's budget and token limit (gateway_key_leases) and
            // renews them with one call of gateway_renew_lease; its ledger spool is imported with
            // ON CONFLICT (request_id) DO NOTHING, so a record imported twice (a restart after kill -9) is
            // one row. SQLite has one gateway process and no leases.
            Sqlite: "SELECT 1",
            Postgres: """
                DELETE FROM gateway_ledger a USING gateway_ledger b WHERE a.request_id = b.request_id AND a.id > b.id;
                CREATE UNIQUE INDEX gateway_ledger_request ON gateway_ledger (request_id);
                CREATE TABLE gateway_key_leases (
                    key_id TEXT NOT NULL,
                    node TEXT NOT NULL,
                    period_start TEXT NOT NULL,
                    budget_usd NUMERIC NOT NULL,
                    imported_usd NUMERIC NOT NULL,
                    window_start TEXT NOT NULL,
                    tokens BIGINT NOT NULL,
                    imported_tokens BIGINT NOT NULL,
                    expires_at TIMESTAMPTZ NOT NULL,
                    PRIMARY KEY (key_id, node)
                );
                CREATE FUNCTION gateway_renew_lease(
                    p_key TEXT, p_node TEXT, p_seconds DOUBLE PRECISION,
                    p_budget NUMERIC, p_period TEXT, p_hold_usd NUMERIC, p_want_usd NUMERIC,
                    p_rpm BIGINT, p_tpm BIGINT, p_window TEXT, p_want_requests BIGINT, p_hold_tokens BIGINT, p_want_tokens BIGINT)
                RETURNS TABLE (o_budget_ceiling NUMERIC, o_spent NUMERIC, o_others NUMERIC, o_granted BIGINT, o_token_ceiling BIGINT, o_window_tokens BIGINT)
                LANGUAGE plpgsql AS $fn$
                DECLARE
                    v_found BOOLEAN;
                    v_lease_period TEXT;
                    v_lease_window TEXT;
                    v_lease_imported NUMERIC;
                    v_lease_imported_tokens BIGINT;
                    v_imported NUMERIC := 0;
                    v_imported_tokens BIGINT := 0;
                    v_claim NUMERIC := 0;
                    v_token_claim BIGINT := 0;
                    v_spent NUMERIC := 0;
                    v_others NUMERIC := 0;
                    v_requests BIGINT := 0;
                    v_granted BIGINT := 0;
                    v_tokens BIGINT := 0;
                    v_other_tokens BIGINT := 0;
                BEGIN
                    -- Rows are locked in the order the ledger import locks them: spend, window, lease.
                    IF p_budget IS NOT NULL THEN
                        INSERT INTO gateway_key_spend (key_id, period_start, spent_usd, reserved_usd) VALUES (p_key, p_period, 0, 0) ON CONFLICT DO NOTHING;
                        SELECT s.spent_usd + s.reserved_usd INTO v_spent FROM gateway_key_spend s WHERE s.key_id = p_key AND s.period_start = p_period FOR UPDATE;
                    END IF;
                    IF p_rpm IS NOT NULL OR p_tpm IS NOT NULL THEN
                        INSERT INTO gateway_key_windows (key_id, window_start, requests, tokens) VALUES (p_key, p_window, 0, 0) ON CONFLICT DO NOTHING;
                        SELECT w.requests, w.tokens INTO v_requests, v_tokens FROM gateway_key_windows w WHERE w.key_id = p_key AND w.window_start = p_window FOR UPDATE;
                    END IF;
                    SELECT true, l.period_start, l.window_start, l.imported_usd, l.imported_tokens
                        INTO v_found, v_lease_period, v_lease_window, v_lease_imported, v_lease_imported_tokens
                        FROM gateway_key_leases l WHERE l.key_id = p_key AND l.node = p_node FOR UPDATE;
                    IF v_found AND v_lease_period = p_period THEN v_imported := v_lease_imported; END IF;
                    IF v_found AND v_lease_window = p_window THEN v_imported_tokens := v_lease_imported_tokens; END IF;
                    IF p_budget IS NOT NULL THEN
                        SELECT COALESCE(SUM(l.budget_usd), 0) INTO v_others FROM gateway_key_leases l
                            WHERE l.key_id = p_key AND l.node <> p_node AND l.period_start = p_period AND l.expires_at > now();
                        -- What this node holds (settled but not yet imported, and reserved) stays claimed even past
                        -- the budget (an overrun), so that other nodes see it; a fresh slice only up to the budget.
                        v_claim := GREATEST(0, p_hold_usd - v_imported, LEAST(p_hold_usd - v_imported + p_want_usd, p_budget - v_spent - v_others));
                    END IF;
                    IF p_rpm IS NOT NULL THEN
                        v_granted := LEAST(p_want_requests, GREATEST(0, p_rpm - v_requests));
                        UPDATE gateway_key_windows w SET requests = w.requests + v_granted WHERE w.key_id = p_key AND w.window_start = p_window;
                    END IF;
                    IF p_tpm IS NOT NULL THEN
                        SELECT COALESCE(SUM(l.tokens), 0) INTO v_other_tokens FROM gateway_key_leases l
                            WHERE l.key_id = p_key AND l.node <> p_node AND l.window_start = p_window AND l.expires_at > now();
                        v_token_claim := GREATEST(0, p_hold_tokens - v_imported_tokens, LEAST(p_hold_tokens - v_imported_tokens + p_want_tokens, p_tpm - v_tokens - v_other_tokens));
                    END IF;
                    INSERT INTO gateway_key_leases AS l (key_id, node, period_start, budget_usd, imported_usd, window_start, tokens, imported_tokens, expires_at)
                        VALUES (p_key, p_node, p_period, v_claim, v_imported, p_window, v_token_claim, v_imported_tokens, now() + make_interval(secs => p_seconds))
                        ON CONFLICT (key_id, node) DO UPDATE SET period_start = excluded.period_start, budget_usd = excluded.budget_usd,
                            imported_usd = excluded.imported_usd, window_start = excluded.window_start, tokens = excluded.tokens,
                            imported_tokens = excluded.imported_tokens, expires_at = excluded.expires_at;
                    RETURN QUERY SELECT v_imported + v_claim, v_spent, v_others, v_granted, v_imported_tokens + v_token_claim, v_tokens;
                END
                $fn$;
                """),
        new(430, "gateway ledger: the prompt tokens counted before the call and the reservation",
            // The estimate (the serving model's tokenizer count) beside input_tokens (the provider's report), and
            // the USD reserved against the key's budget (money as TEXT on SQLite, see migration 405). 0 for old rows.
            Sqlite: """
                ALTER TABLE gateway_ledger ADD COLUMN estimated_input_tokens INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE gateway_ledger ADD COLUMN reserved_usd TEXT NOT NULL DEFAULT '0';
                """,
            Postgres: """
                ALTER TABLE gateway_ledger ADD COLUMN estimated_input_tokens BIGINT NOT NULL DEFAULT 0,
                    ADD COLUMN reserved_usd NUMERIC NOT NULL DEFAULT 0;
                """),
    ];
}
