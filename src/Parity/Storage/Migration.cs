namespace Parity.Storage;

/// <summary>
/// One schema change. Versions are grouped by capability so that capabilities can add
/// migrations independently: catalog 100–199, arena 200–299, evals 300–399, gateway 400–499.
/// </summary>
/// <param name="Version">Unique, applied in ascending order.</param>
/// <param name="Name">What the change does.</param>
/// <param name="Sqlite">The DDL for SQLite.</param>
/// <param name="Postgres">The DDL for PostgreSQL.</param>
public sealed record Migration(int Version, string Name, string Sqlite, string Postgres);
