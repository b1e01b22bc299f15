using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Keelson.Storage.Tests;

public sealed class KeelsonDatabaseTests
{
    [Theory]
    [InlineData("/var/lib/keelson/keelson.db", DatabaseDialect.Sqlite)]
    [InlineData("keelson.db", DatabaseDialect.Sqlite)]
    [InlineData("Host=db;Username=keelson;Database=keelson", DatabaseDialect.Postgres)]
    [InlineData("server=db;port=5433;user id=keelson", DatabaseDialect.Postgres)]
    [InlineData("postgres://keelson@db/keelson", DatabaseDialect.Postgres)]
    [InlineData("postgresql://keelson:secret@db:5433/keelson?sslmode=require", DatabaseDialect.Postgres)]
    public async Task Setting_IsReadAsSqlitePathOrPostgresConnection(string setting, DatabaseDialect expected)
    {
        await using var database = new KeelsonDatabase(setting);

        Assert.Equal(expected, database.Dialect);
        Assert.DoesNotContain("secret", database.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgresUrl_BecomesTheSameConnectionAsItsKeywordForm()
    {
        var fromUrl = new NpgsqlConnectionStringBuilder(
            PostgresUrl.ToConnectionString("postgresql://keel%40son:p%40ss:word@db.example:5433/fleet?sslmode=require&connect_timeout=7"));

        Assert.Equal("db.example", fromUrl.Host);
        Assert.Equal(5433, fromUrl.Port);
        Assert.Equal("keel@son", fromUrl.Username);
        Assert.Equal("p@ss:word", fromUrl.Password);
        Assert.Equal("fleet", fromUrl.Database);
        Assert.Equal(SslMode.Require, fromUrl.SslMode);
        Assert.Equal(7, fromUrl.Timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("postgres://")]
    [InlineData("Host=db;Frobnicate=yes")]
    public void Setting_ThatCannotBeRead_IsRefusedWithTheAcceptedForms(string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => new KeelsonDatabase(setting));

        Assert.Contains("database setting", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task InTransaction_WhenWorkThrows_WritesNothing(DatabaseDialect dialect)
    {
        var (test, database) = await TestDatabase.CreateMigratedAsync(dialect);
        await using var _ = test;

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("INSERT INTO teams (name, created_at) VALUES ('sre', 0)", transaction: transaction);
            throw new InvalidOperationException("crash half-way");
        }, CancellationToken.None));

        await using var check = await database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(0, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM teams"));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task InTransaction_AfterAConflictTheDatabaseReports_RetriesAndCommitsOnce(DatabaseDialect dialect)
    {
        var (test, database) = await TestDatabase.CreateMigratedAsync(dialect);
        await using var _ = test;
        var attempts = 0;

        var result = await database.InTransactionAsync(async (connection, transaction) =>
        {
            attempts++;
            await connection.ExecuteAsync("INSERT INTO teams (name, created_at) VALUES ('sre', 0)", transaction: transaction);
            if (attempts == 1)
            {
                await RaiseConflictAsync(dialect, connection, transaction);
            }

            return attempts;
        }, CancellationToken.None);

        Assert.Equal(2, result);
        await using var check = await database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(1, await check.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM teams"));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task InTransaction_WhenTwoWritersIncrementOneCounter_LosesNoUpdate(DatabaseDialect dialect)
    {
        var (test, database) = await TestDatabase.CreateMigratedAsync(dialect);
        await using var _ = test;
        await database.InTransactionAsync((c, t) => c.ExecuteAsync("INSERT INTO teams (name, created_at) VALUES ('counter', 0)", transaction: t), CancellationToken.None);

        // Read-then-write from many tasks: only correct when writers are serialized or retried.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => database.InTransactionAsync(async (c, t) =>
        {
            var lockClause = dialect == DatabaseDialect.Postgres ? " FOR UPDATE" : "";
            var value = await c.ExecuteScalarAsync<long>($"SELECT created_at FROM teams WHERE name = 'counter'{lockClause}", transaction: t);
            await c.ExecuteAsync("UPDATE teams SET created_at = @value WHERE name = 'counter'", new { value = value + 1 }, t);
        }, CancellationToken.None))));

        await using var check = await database.OpenConnectionAsync(CancellationToken.None);
        Assert.Equal(20, await check.ExecuteScalarAsync<long>("SELECT created_at FROM teams WHERE name = 'counter'"));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Connections_EnforceForeignKeys(DatabaseDialect dialect)
    {
        var (test, database) = await TestDatabase.CreateMigratedAsync(dialect);
        await using var _ = test;
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            connection.ExecuteAsync("INSERT INTO team_members (team_id, user_id, added_at) VALUES (41, 42, 0)"));
    }

    private static async Task RaiseConflictAsync(DatabaseDialect dialect, System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction)
    {
        if (dialect == DatabaseDialect.Postgres)
        {
            // A real serialization failure as the server reports it (SQLSTATE 40001).
            await connection.ExecuteAsync(
                "DO $$ BEGIN RAISE EXCEPTION 'could not serialize access' USING ERRCODE = '40001'; END $$;", transaction: transaction);
        }
        else
        {
            // SQLITE_BUSY, as Microsoft.Data.Sqlite reports a write lock held past the busy timeout.
            throw new SqliteException("database is locked", 5);
        }
    }
}
