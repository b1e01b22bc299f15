using Keelson.Core.Observability;

namespace Keelson.Core.Fleet;

/// <summary>The fleet view's per-cluster series on <c>/metrics</c>: watch events, sync lag, API errors and latency, objects held.</summary>
public sealed class FleetMetrics(FleetView view) : IMetricsSource
{
    /// <inheritdoc />
    public void Write(PrometheusWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var clusters = view.Metrics();
        writer.Describe("keelson_cluster_status", "gauge", "1 for the cluster's current view status (syncing, ready, stale), 0 for the others.");
        foreach (var c in clusters)
        {
            foreach (var status in Enum.GetValues<ClusterStatus>())
            {
                writer.Sample("keelson_cluster_status", c.Status == status ? 1 : 0, ("cluster", c.Cluster), ("status", status.ToString().ToLowerInvariant()));
            }
        }

        Series(writer, clusters, "keelson_cluster_watch_events_total", "counter", "Changes delivered to the fleet view (watch events and listed items).", c => c.Events);
        Series(writer, clusters, "keelson_cluster_sync_lag_seconds", "gauge", "Seconds since the last change arrived from the cluster.", c => c.LastEventAge?.TotalSeconds);
        Series(writer, clusters, "keelson_cluster_api_errors_total", "counter", "Failed requests to the cluster: API probes, lists and watches.", c => c.ApiErrors);
        Series(writer, clusters, "keelson_cluster_api_latency_seconds", "gauge", "Duration of the last successful API probe.", c => c.ApiLatency?.TotalSeconds);
        writer.Describe("keelson_cluster_objects", "gauge", "Objects the fleet view holds for the cluster, by kind.");
        foreach (var c in clusters)
        {
            writer.Sample("keelson_cluster_objects", c.Nodes, ("cluster", c.Cluster), ("kind", "nodes"));
            writer.Sample("keelson_cluster_objects", c.Pods, ("cluster", c.Cluster), ("kind", "pods"));
            writer.Sample("keelson_cluster_objects", c.Workloads, ("cluster", c.Cluster), ("kind", "workloads"));
            writer.Sample("keelson_cluster_objects", c.RecentEvents, ("cluster", c.Cluster), ("kind", "events"));
        }
    }

    private static void Series(PrometheusWriter writer, IReadOnlyList<ClusterMetrics> clusters, string name, string type, string help, Func<ClusterMetrics, double?> value)
    {
        writer.Describe(name, type, help);
        foreach (var c in clusters)
        {
            if (value(c) is { } v)
            {
                writer.Sample(name, Math.Round(v, 6), ("cluster", c.Cluster));
            }
        }
    }
}
