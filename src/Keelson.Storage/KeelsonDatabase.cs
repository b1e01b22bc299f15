using System.Data.Common;
using Dapper;
using Keelson.Storage.Migrations;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Keelson.Storage;

/// <summary>
/// Keelson's database: one SQLite file or one PostgreSQL database, chosen by a single setting.
/// Thread-safe; create one per process, call <see cref="MigrateAsync(CancellationToken)"/> before anything else,
/// and share it.
/// </summary>
/// <remarks>
/// <para>The setting is read by one rule:</para>
/// <list type="bullet">
/// <item>it starts with <c>postgres://</c> or <c>postgresql://</c>: a PostgreSQL URL
/// (<c>postgres://user:password@host:5432/keelson?sslmode=require</c>, percent-escaped like libpq's);</item>
/// <item>it is a keyword connection string with a <c>Host</c> (or <c>Server</c>) key: a PostgreSQL
/// connection string in Npgsql's form (<c>Host=db;Username=keelson;Database=keelson</c>);</item>
/// <item>anything else is the path of a SQLite file, created with its directory by <see cref="MigrateAsync(CancellationToken)"/> when missing.</item>
/// </list>
/// <para>All instants are stored as Unix milliseconds (UTC) in <c>BIGINT</c> columns in both dialects,
/// so the same SQL, ordering and audit hashing work on both.</para>
/// </remarks>
public sealed class KeelsonDatabase : IAsyncDisposable
{
    private const int MaxAttempts = 6;

    // Writers wait 5 s for SQLite's single write lock before the transaction is retried.
    // journal_mode is stored in the file, busy_timeout is per connection; both are cheap to repeat.
    private const string SqlitePragmas = "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL;";

    private readonly string? _sqliteConnectionString;
    private readonly NpgsqlDataSource? _dataSource;
    private readonly TimeProvider _time;

    /// <summary>Creates the database object; nothing is opened until first use.</summary>
    /// <param name="setting">A SQLite file path or a PostgreSQL connection string or URL (see the remarks on the type).</param>
    /// <param name="timeProvider">Clock for retry back-off and <c>schema_migrations</c> times; the system clock when null.</param>
    /// <exception cref="ArgumentException">The setting is empty or a PostgreSQL setting that cannot be read.</exception>
    public KeelsonDatabase(string setting, TimeProvider? timeProvider = null)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            throw new ArgumentException(
                "the database setting is empty; give a SQLite file path (e.g. /var/lib/keelson/keelson.db) " +
                "or a PostgreSQL connection string (Host=db;Username=keelson;Database=keelson or postgres://keelson@db/keelson)",
                nameof(setting));
        }

        _time = timeProvider ?? TimeProvider.System;
        setting = setting.Trim();
        var postgres = ToPostgresConnectionString(setting);
        if (postgres is null)
        {
            var path = Path.GetFullPath(setting);
            Dialect = DatabaseDialect.Sqlite;
            Description = $"SQLite file {path}";
            _sqliteConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                ForeignKeys = true,
                Pooling = true,
            }.ToString();
            SqlitePath = path;
        }
        else
        {
            var builder = new NpgsqlConnectionStringBuilder(postgres);
            builder.ApplicationName ??= "keelson";
            Dialect = DatabaseDialect.Postgres;
            Description = $"PostgreSQL database \"{builder.Database ?? builder.Username}\" on {builder.Host}:{builder.Port}";
            _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        }
    }

    /// <summary>Which engine this is, for the rare dialect-specific statement.</summary>
    public DatabaseDialect Dialect { get; }

    /// <summary>Where the data lives, fit for logs and error messages (never contains a password).</summary>
    public string Description { get; }

    /// <summary>The full path of the SQLite file; null on PostgreSQL.</summary>
    public string? SqlitePath { get; }

    /// <summary>
    /// Opens a connection (from the pool). SQLite connections have foreign keys on, WAL journaling
    /// and a busy timeout, so concurrent writers wait for each other instead of failing at once.
    /// The caller disposes it.
    /// </summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (_dataSource is not null)
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(SqlitePragmas, cancellationToken: cancellationToken));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens a connection synchronously, for the few framework callbacks that have no asynchronous form
    /// (ASP.NET Core Data Protection's key repository). Everything else uses <see cref="OpenConnectionAsync"/>.
    /// </summary>
    public DbConnection OpenConnection()
    {
        if (_dataSource is not null)
        {
            return _dataSource.OpenConnection();
        }

        var connection = new SqliteConnection(_sqliteConnectionString);
        try
        {
            connection.Open();
            connection.Execute(SqlitePragmas);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction and commits it, retrying the whole unit when
    /// the database reports a conflict that a retry resolves (SQLite busy or locked, PostgreSQL
    /// serialization failure or deadlock). <paramref name="work"/> may therefore run more than once:
    /// keep side effects outside the database out of it, or make them safe to repeat.
    /// </summary>
    /// <remarks>
    /// On SQLite the transaction starts with <c>BEGIN IMMEDIATE</c>: it takes the single write lock
    /// up front, so read-then-write sequences cannot fail half-way on a lock upgrade, and writers
    /// are serialized. Do not open a second transaction from inside <paramref name="work"/>; pass the
    /// connection and transaction on instead.
    /// </remarks>
    public async Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenConnectionAsync(cancellationToken);
                await using var transaction = await BeginAsync(connection, cancellationToken);
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbException e) when (attempt < MaxAttempts && IsRetryable(e))
            {
                await Task.Delay(RetryDelay(attempt), _time, cancellationToken);
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> in a retried transaction; see the overload returning a value.</summary>
    public Task InTransactionAsync(Func<DbConnection, DbTransaction, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return InTransactionAsync<bool>(async (connection, transaction) =>
        {
            await work(connection, transaction);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Brings the schema up to date with the migrations built into Keelson: call once at start,
    /// before serving. Safe to call from several replicas at once.
    /// </summary>
    /// <returns>The migrations applied by this call (empty when the schema was current).</returns>
    /// <exception cref="MigrationException">The database is newer than this Keelson, a recorded migration differs from the built-in file, or a migration failed.</exception>
    public Task<IReadOnlyList<Migration>> MigrateAsync(CancellationToken cancellationToken) =>
        MigrateAsync(MigrationSet.BuiltIn(Dialect), cancellationToken);

    /// <summary>Brings the schema up to date with <paramref name="migrations"/> (tests use their own sets).</summary>
    /// <exception cref="MigrationException">See <see cref="MigrateAsync(CancellationToken)"/>.</exception>
    public Task<IReadOnlyList<Migration>> MigrateAsync(MigrationSet migrations, CancellationToken cancellationToken)
    {
        if (SqlitePath is not null)
        {
            // Only here: a connection opened later (say, after the data directory was removed) must fail, not start an empty database.
            Directory.CreateDirectory(Path.GetDirectoryName(SqlitePath)!);
        }

        return new MigrationRunner(this, migrations, _time).RunAsync(cancellationToken);
    }

    /// <summary>Closes pooled connections (and, for SQLite, releases the file).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
        else
        {
            // Pooled SQLite connections keep the file open; release it so the file can be moved or deleted.
            using var connection = new SqliteConnection(_sqliteConnectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    /// <summary>
    /// True when <paramref name="exception"/> reports a UNIQUE or PRIMARY KEY violation, so a caller can
    /// turn "already exists" into a message. On PostgreSQL the transaction is aborted afterwards: throw.
    /// </summary>
    public static bool IsUniqueViolation(DbException exception) => exception switch
    {
        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555).
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>Begins a transaction; on SQLite explicitly <c>BEGIN IMMEDIATE</c> (see <see cref="InTransactionAsync{T}"/>).</summary>
    internal static async Task<DbTransaction> BeginAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);

    internal static bool IsRetryable(DbException exception) => exception switch
    {
        // SQLITE_BUSY (5) and SQLITE_LOCKED (6): another writer held the lock past the busy timeout.
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        _ => false,
    };

    private static TimeSpan RetryDelay(int attempt)
    {
        // Exponential with full jitter, so colliding writers do not collide again in lock-step.
        var ceiling = Math.Min(1000, 20 * (1 << attempt));
        return TimeSpan.FromMilliseconds(Random.Shared.Next(ceiling / 2, ceiling));
    }

    private static string? ToPostgresConnectionString(string setting)
    {
        if (PostgresUrl.IsUrl(setting))
        {
            try
            {
                return PostgresUrl.ToConnectionString(setting);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"the database setting is a PostgreSQL URL that cannot be read: {e.Message}", nameof(setting), e);
            }
        }

        if (!setting.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }

        var keywords = new DbConnectionStringBuilder();
        try
        {
            keywords.ConnectionString = setting;
        }
        catch (ArgumentException)
        {
            return null; // not a connection string at all: a file name with '=' in it
        }

        if (!keywords.ContainsKey("Host") && !keywords.ContainsKey("Server"))
        {
            return null;
        }

        try
        {
            return new NpgsqlConnectionStringBuilder(setting).ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(
                $"the database setting looks like a PostgreSQL connection string but Npgsql cannot read it: {e.Message}; " +
                "see https://www.npgsql.org/doc/connection-string-parameters.html", nameof(setting), e);
        }
    }
}
