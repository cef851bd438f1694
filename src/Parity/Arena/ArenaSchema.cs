using Parity.Storage;

namespace Parity.Arena;

/// <summary>The arena's tables: published leaderboard snapshots downloaded by <c>parity update</c> and their entries.</summary>
internal static class ArenaSchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(200, "published leaderboard snapshots (parity update --source arena)",
            Sqlite: """
                CREATE TABLE arena_snapshots (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    board TEXT NOT NULL,
                    snapshot_date TEXT NOT NULL,
                    source TEXT NOT NULL,
                    method TEXT NOT NULL,
                    url TEXT NOT NULL,
                    sha256 TEXT NOT NULL UNIQUE,
                    imported_at TEXT NOT NULL,
                    model_count INTEGER NOT NULL
                );
                CREATE TABLE arena_entries (
                    snapshot_id INTEGER NOT NULL REFERENCES arena_snapshots(id) ON DELETE CASCADE,
                    model_key TEXT NOT NULL,
                    rating REAL NOT NULL,
                    lower REAL,
                    upper REAL,
                    organization TEXT,
                    license TEXT,
                    PRIMARY KEY (snapshot_id, model_key)
                );
                """,
            Postgres: """
                CREATE TABLE arena_snapshots (
                    id BIGSERIAL PRIMARY KEY,
                    board TEXT NOT NULL,
                    snapshot_date TEXT NOT NULL,
                    source TEXT NOT NULL,
                    method TEXT NOT NULL,
                    url TEXT NOT NULL,
                    sha256 TEXT NOT NULL UNIQUE,
                    imported_at TEXT NOT NULL,
                    model_count INTEGER NOT NULL
                );
                CREATE TABLE arena_entries (
                    snapshot_id BIGINT NOT NULL REFERENCES arena_snapshots(id) ON DELETE CASCADE,
                    model_key TEXT NOT NULL,
                    rating DOUBLE PRECISION NOT NULL,
                    lower DOUBLE PRECISION,
                    upper DOUBLE PRECISION,
                    organization TEXT,
                    license TEXT,
                    PRIMARY KEY (snapshot_id, model_key)
                );
                """),
    ];
}
