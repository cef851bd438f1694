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
    ];
}
