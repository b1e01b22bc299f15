using System.Data.Common;
using Dapper;

namespace Keelson.Storage.Migrations;

/// <summary>
/// Applies pending migrations one by one, each in its own transaction together with its
/// <c>schema_migrations</c> row, so a crash leaves the schema at a recorded version. On PostgreSQL
/// a session advisory lock keeps replicas from migrating at once; on SQLite each migration's
/// <c>BEGIN IMMEDIATE</c> does, and the recorded versions are re-read inside it.
/// </summary>
internal sealed class MigrationRunner(KeelsonDatabase database, MigrationSet migrations, TimeProvider time)
{
    private const string CreateTable =
        "CREATE TABLE IF NOT EXISTS schema_migrations (" +
        "version BIGINT PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at BIGINT NOT NULL)";

    public async Task<IReadOnlyList<Migration>> RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var postgres = database.Dialect == DatabaseDialect.Postgres;
        if (postgres)
        {
            // Session-level: held across the per-migration transactions, released when done.
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKeys.Migrations }, cancellationToken: cancellationToken));
        }

        try
        {
            await connection.ExecuteAsync(new CommandDefinition(CreateTable, cancellationToken: cancellationToken));
            var applied = new List<Migration>();
            Check(await RecordedAsync(connection, null, cancellationToken));
            foreach (var migration in migrations.Migrations)
            {
                await using var transaction = await KeelsonDatabase.BeginAsync(connection, cancellationToken);
                var recorded = await RecordedAsync(connection, transaction, cancellationToken);
                Check(recorded);
                if (recorded.Any(r => r.Version == migration.Version))
                {
                    continue;
                }

                try
                {
                    await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
                    await connection.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@Version, @Name, @Checksum, @AppliedAt)",
                        new { migration.Version, migration.Name, migration.Checksum, AppliedAt = time.GetUtcNow().ToUnixTimeMilliseconds() },
                        transaction,
                        cancellationToken: cancellationToken));
                    await transaction.CommitAsync(cancellationToken);
                }
                catch (DbException e)
                {
                    throw new MigrationException(
                        $"migration {MigrationSet.DialectFolder(database.Dialect)}/{migration.FileName} failed on {database.Description}: {e.Message}. " +
                        "Nothing of it was kept (it ran in one transaction); fix the cause and start Keelson again.", e);
                }

                applied.Add(migration);
            }

            return applied;
        }
        finally
        {
            if (postgres)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKeys.Migrations }, cancellationToken: CancellationToken.None));
            }
        }
    }

    private static async Task<List<RecordedMigration>> RecordedAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<RecordedMigration>(new CommandDefinition(
            "SELECT version AS Version, name AS Name, checksum AS Checksum FROM schema_migrations ORDER BY version",
            transaction: transaction,
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    private void Check(List<RecordedMigration> recorded)
    {
        var known = migrations.Migrations.ToDictionary(m => (long)m.Version);
        foreach (var row in recorded)
        {
            if (row.Version > migrations.LatestVersion)
            {
                throw new MigrationException(
                    $"{database.Description} has schema version {row.Version} ({row.Name}), but this Keelson only knows versions up to " +
                    $"{migrations.LatestVersion}: a newer Keelson has upgraded it. Run that version of Keelson (or a newer one) " +
                    "against this database, or restore a backup taken before the upgrade.");
            }

            if (!known.TryGetValue(row.Version, out var migration))
            {
                throw new MigrationException(
                    $"{database.Description} records migration {row.Version} ({row.Name}), which this Keelson does not have: " +
                    "the migration file was removed or renumbered. Restore the file as it was released; migrations are never removed.");
            }

            if (!string.Equals(migration.Checksum, row.Checksum, StringComparison.Ordinal))
            {
                throw new MigrationException(
                    $"migration {MigrationSet.DialectFolder(database.Dialect)}/{migration.FileName} was applied to {database.Description} " +
                    $"with checksum {row.Checksum}, but the file now has checksum {migration.Checksum}: it was edited after it was released. " +
                    "Restore the file as it was and put the change in a new, higher-numbered migration.");
            }
        }
    }

    private sealed record RecordedMigration(long Version, string Name, string Checksum);
}
