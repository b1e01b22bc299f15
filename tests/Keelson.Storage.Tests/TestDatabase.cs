using Dapper;
using Npgsql;

namespace Keelson.Storage.Tests;

/// <summary>
/// A throwaway Keelson database for one test: a SQLite file in a temporary directory, or a
/// PostgreSQL database created on the server <c>./test.sh</c> starts (<c>KEELSON_TEST_POSTGRES</c>)
/// and dropped afterwards.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;
    private readonly List<KeelsonDatabase> _opened = [];

    private TestDatabase(DatabaseDialect dialect, string setting, string? directory, string? postgresAdmin, string? postgresName)
    {
        Dialect = dialect;
        Setting = setting;
        _directory = directory;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseDialect Dialect { get; }

    /// <summary>The setting a Keelson server would be given for this database.</summary>
    public string Setting { get; }

    /// <summary>A directory that lives as long as the database (a data directory for tests that need one).</summary>
    public string Directory => _directory!;

    /// <summary>Creates an empty database (no schema).</summary>
    public static async Task<TestDatabase> CreateEmptyAsync(DatabaseDialect dialect)
    {
        var server = Environment.GetEnvironmentVariable("KEELSON_TEST_POSTGRES");
        if (dialect == DatabaseDialect.Postgres && string.IsNullOrWhiteSpace(server))
        {
            Assert.Fail("KEELSON_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL");
        }

        var directory = Path.Combine(Path.GetTempPath(), "keelson-test-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        if (dialect == DatabaseDialect.Sqlite)
        {
            return new TestDatabase(dialect, Path.Combine(directory, "keelson.db"), directory, null, null);
        }

        var name = "keelson_test_" + Guid.NewGuid().ToString("N");
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync($"CREATE DATABASE {name}");
        }

        var setting = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        return new TestDatabase(dialect, setting, directory, admin, name);
    }

    /// <summary>Creates a database with Keelson's schema applied and returns it opened.</summary>
    public static async Task<(TestDatabase Test, KeelsonDatabase Database)> CreateMigratedAsync(DatabaseDialect dialect, TimeProvider? time = null)
    {
        var test = await CreateEmptyAsync(dialect);
        var database = test.Open(time);
        await database.MigrateAsync(CancellationToken.None);
        return (test, database);
    }

    /// <summary>Opens the database as a (new) Keelson process would; disposed with this object.</summary>
    public KeelsonDatabase Open(TimeProvider? time = null)
    {
        var database = new KeelsonDatabase(Setting, time);
        _opened.Add(database);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        if (_postgresName is not null)
        {
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)");
        }

        if (_directory is not null)
        {
            // A connection pool or a background service may close its last file a moment after
            // disposal (SQLite's -wal and -shm files): try again briefly before failing the test.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    System.IO.Directory.Delete(_directory, recursive: true);
                    return;
                }
                catch (IOException) when (attempt < 10)
                {
                    await Task.Delay(100);
                }
            }
        }
    }
}
