namespace Parity.Storage;

/// <summary>Which database engine a store talks to.</summary>
public enum SqlDialect
{
    Sqlite,
    Postgres,
}
