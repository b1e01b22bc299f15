using System.Globalization;
using Npgsql;

namespace Keelson.Bench;

/// <summary>Fresh databases for the flows benchmark: a SQLite file in the work directory, or a new database on the PostgreSQL server.</summary>
internal static class FlowBenchDatabases
{
    private static int _next;

    public static string Sqlite(string workDirectory, string name) =>
        Path.Combine(workDirectory, $"{name}-{Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture)}.db");

    /// <summary>Creates an empty database named after <paramref name="name"/> (dropping a leftover of an earlier run) and returns its connection string.</summary>
    public static async Task<string> CreatePostgresAsync(string serverConnectionString, string name, CancellationToken cancellationToken)
    {
        var database = $"keelson_bench_{name}_{Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture)}";
        var admin = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {database} WITH (FORCE)", $"CREATE DATABASE {database}" })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ConnectionString;
    }
}
