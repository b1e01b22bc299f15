namespace Keelson.Storage;

/// <summary>
/// Which SQL engine a <see cref="KeelsonDatabase"/> talks to, for the rare statement that must
/// differ between them (locking, upserts of special types, date functions).
/// </summary>
public enum DatabaseDialect
{
    /// <summary>An embedded SQLite file: the default for one Keelson process.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: for teams running several Keelson replicas.</summary>
    Postgres,
}
