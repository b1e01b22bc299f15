using Npgsql;

namespace Keelson.Tests.Server;

/// <summary>A database of its own for one test: a SQLite file, or a PostgreSQL database on the server ./test.sh starts.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly string? _postgresAdmin;
    private readonly string? _name;

    private TestDatabase(string setting, string? postgresAdmin, string? name)
    {
        Setting = setting;
        _postgresAdmin = postgresAdmin;
        _name = name;
    }

    public string Setting { get; }

    public static async Task<TestDatabase> CreateAsync(string engine, string directory)
    {
        if (engine == Sqlite)
        {
            return new TestDatabase(Path.Combine(directory, "keelson.db"), null, null);
        }

        var admin = Environment.GetEnvironmentVariable("KEELSON_TEST_POSTGRES") is { Length: > 0 } setting
            ? setting
            : throw new InvalidOperationException("KEELSON_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL");
        var name = $"keelson_e2e_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin + ";Database=postgres"))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new TestDatabase($"{admin};Database={name}", admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresAdmin is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_postgresAdmin + ";Database=postgres");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
