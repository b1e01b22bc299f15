using System.Globalization;
using System.Text;

namespace Keelson.Bench;

/// <summary>
/// Scenario files for the simulator benchmarks: clusters alike, one node pool of 32-CPU nodes in
/// three zones, apps of 100 replicas in namespaces of ten apps, each pod with a realistic spec.
/// </summary>
internal static class SimulatorScenario
{
    /// <summary>Replicas of each app.</summary>
    public const int ReplicasPerApp = 100;

    /// <summary>
    /// The scenario text. With <paramref name="seedRunning"/> the pods are stored Running at start;
    /// without it the cluster makes them as a real one would (ReplicaSets, scheduler, kubelets, events).
    /// </summary>
    public static string Yaml(string clusterPrefix, int clusters, int nodesPerCluster, int podsPerCluster, bool seedRunning, string timing = "containerStart: 100ms")
    {
        var apps = Math.Max(1, podsPerCluster / ReplicasPerApp);
        var replicas = Math.Min(ReplicasPerApp, podsPerCluster);
        var yaml = new StringBuilder($"seed: 7\ntiming: {{{timing}}}\nclusters:\n");
        for (var c = 0; c < clusters; c++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  - name: {ClusterName(clusterPrefix, clusters, c)}\n    labels: {{env: production, region: bench}}\n    seedRunningPods: {(seedRunning ? "true" : "false")}\n");
            yaml.Append(CultureInfo.InvariantCulture, $"    nodePools: [{{name: general, count: {nodesPerCluster}, cpu: \"32\", memory: 128Gi, pods: 110, zones: [z1, z2, z3]}}]\n    workloads:\n");
            for (var a = 0; a < apps; a++)
            {
                yaml.Append(CultureInfo.InvariantCulture,
                    $"      - {{name: app-{a:D4}, namespace: team-{a / 10:D3}, replicas: {replicas}, image: \"registry.example.com/shop/app-{a:D4}:1.{a % 7}\", cpu: 250m, memory: 256Mi, port: 8080, labels: {{app.kubernetes.io/name: app-{a:D4}, app.kubernetes.io/part-of: shop, team: team-{a / 10:D3}}}}}\n");
            }
        }

        return yaml.ToString();
    }

    /// <summary>The name of cluster <paramref name="index"/>: the prefix alone for a single cluster.</summary>
    public static string ClusterName(string prefix, int clusters, int index) => clusters == 1 ? prefix : $"{prefix}-{index:D2}";
}
