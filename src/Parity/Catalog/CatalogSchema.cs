using Parity.Storage;

namespace Parity.Catalog;

/// <summary>The catalog's tables: imported feeds and their records.</summary>
internal static class CatalogSchema
{
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(100, "catalog imports",
            Sqlite: """
                CREATE TABLE catalog_imports (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    format TEXT NOT NULL,
                    file_name TEXT NOT NULL,
                    sha256 TEXT NOT NULL UNIQUE,
                    source_date TEXT,
                    imported_at TEXT NOT NULL,
                    record_count INTEGER NOT NULL,
                    unmatched_count INTEGER NOT NULL
                );
                """,
            Postgres: """
                CREATE TABLE catalog_imports (
                    id BIGSERIAL PRIMARY KEY,
                    format TEXT NOT NULL,
                    file_name TEXT NOT NULL,
                    sha256 TEXT NOT NULL UNIQUE,
                    source_date TEXT,
                    imported_at TEXT NOT NULL,
                    record_count INTEGER NOT NULL,
                    unmatched_count INTEGER NOT NULL
                );
                """),
        new(101, "catalog import records and unmatched names",
            Sqlite: """
                CREATE TABLE catalog_records (
                    import_id INTEGER NOT NULL REFERENCES catalog_imports(id),
                    seq INTEGER NOT NULL,
                    record_key TEXT NOT NULL,
                    provider TEXT,
                    model_id TEXT,
                    payload TEXT NOT NULL,
                    PRIMARY KEY (import_id, seq)
                );
                CREATE TABLE catalog_unmatched (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    import_id INTEGER NOT NULL REFERENCES catalog_imports(id),
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    provider TEXT
                );
                CREATE INDEX catalog_unmatched_import ON catalog_unmatched (import_id);
                """,
            Postgres: """
                CREATE TABLE catalog_records (
                    import_id BIGINT NOT NULL REFERENCES catalog_imports(id),
                    seq INTEGER NOT NULL,
                    record_key TEXT NOT NULL,
                    provider TEXT,
                    model_id TEXT,
                    payload TEXT NOT NULL,
                    PRIMARY KEY (import_id, seq)
                );
                CREATE TABLE catalog_unmatched (
                    id BIGSERIAL PRIMARY KEY,
                    import_id BIGINT NOT NULL REFERENCES catalog_imports(id),
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    provider TEXT
                );
                CREATE INDEX catalog_unmatched_import ON catalog_unmatched (import_id);
                """),
        new(110, "feed downloads (parity update): the ETag and Last-Modified of each source's last import",
            Sqlite: """
                CREATE TABLE feed_fetches (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    source TEXT NOT NULL,
                    url TEXT NOT NULL,
                    etag TEXT,
                    last_modified TEXT,
                    sha256 TEXT NOT NULL,
                    fetched_at TEXT NOT NULL,
                    import_id INTEGER REFERENCES catalog_imports(id)
                );
                CREATE INDEX feed_fetches_source ON feed_fetches (source, url, id);
                """,
            Postgres: """
                CREATE TABLE feed_fetches (
                    id BIGSERIAL PRIMARY KEY,
                    source TEXT NOT NULL,
                    url TEXT NOT NULL,
                    etag TEXT,
                    last_modified TEXT,
                    sha256 TEXT NOT NULL,
                    fetched_at TEXT NOT NULL,
                    import_id BIGINT REFERENCES catalog_imports(id)
                );
                CREATE INDEX feed_fetches_source ON feed_fetches (source, url, id);
                """),
    ];
}
