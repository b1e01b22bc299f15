using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Keelson.Core.Fleet;

/// <summary>
/// The fleet view's part of <c>/readyz</c>: not ready while a cluster's first lists are still
/// loading, so a load balancer does not send queries that would see an empty fleet. A stale
/// cluster (unreachable, watch failing) does not hold readiness: the server answers for the
/// others and reports that one as stale. A cluster that is still syncing after
/// <see cref="InitialSyncTimeout"/> stops holding readiness too — one slow cluster must not keep
/// the whole server out of service.
/// </summary>
public sealed class FleetReadiness(FleetView view, TimeProvider time) : IHealthCheck
{
    /// <summary>How long a syncing cluster may hold readiness after the server started.</summary>
    public static readonly TimeSpan InitialSyncTimeout = TimeSpan.FromMinutes(2);

    private readonly DateTimeOffset _started = time.GetUtcNow();

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var clusters = view.Metrics();
        var syncing = clusters.Where(c => c.Status == ClusterStatus.Syncing).Select(c => c.Cluster).ToList();
        var stale = clusters.Where(c => c.Status == ClusterStatus.Stale).Select(c => c.Cluster).ToList();
        var current = clusters.Count - syncing.Count - stale.Count;
        var summary = $"{current} cluster{(current == 1 ? "" : "s")} current"
            + (stale.Count > 0 ? $", stale: {string.Join(", ", stale)}" : "")
            + (syncing.Count > 0 ? $", syncing: {string.Join(", ", syncing)}" : "");
        var holding = syncing.Count > 0 && time.GetUtcNow() - _started < InitialSyncTimeout;
        return Task.FromResult(holding ? HealthCheckResult.Unhealthy(summary + " (waiting for the first sync)") : HealthCheckResult.Healthy(summary));
    }
}
