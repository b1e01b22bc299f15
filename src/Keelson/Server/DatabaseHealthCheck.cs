using Dapper;
using Keelson.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Keelson.Server;

/// <summary>Ready only while the database answers (migrations were applied before serving began).</summary>
internal sealed class DatabaseHealthCheck(KeelsonDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{database.Description} answers");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"{database.Description} does not answer: {e.Message}");
        }
    }
}
