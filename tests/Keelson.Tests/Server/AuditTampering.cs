using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Keelson.Tests.Server;

/// <summary>What someone with write access to the database could do to the audit trail behind Keelson's back.</summary>
internal static class AuditTampering
{
    public static async Task ChangeActionAsync(string databaseSetting, long sequence, string action)
    {
        var postgres = databaseSetting.Contains("Host=", StringComparison.Ordinal);
        await using DbConnection connection = postgres ? new NpgsqlConnection(databaseSetting) : new SqliteConnection($"Data Source={databaseSetting}");
        await connection.OpenAsync();
        // Keelson's triggers refuse updates; an attacker with database access drops them first.
        foreach (var sql in postgres
            ? new[] { "ALTER TABLE audit_log DISABLE TRIGGER USER" }
            : (await TriggersAsync(connection)).Select(t => $"DROP TRIGGER {t}").ToArray())
        {
            await Execute(connection, sql);
        }

        await Execute(connection, $"UPDATE audit_log SET action = '{action}' WHERE seq = {sequence}");
    }

    private static async Task<List<string>> TriggersAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task Execute(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
