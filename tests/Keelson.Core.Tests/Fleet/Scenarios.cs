namespace Keelson.Core.Tests.Fleet;

/// <summary>The simulated fleets the fleet view's tests watch.</summary>
internal static class Scenarios
{
    /// <summary>
    /// c1 (production): 8 general and 2 gpu nodes, Deployments web (6 pods, app shop-web) and shop/api
    /// (4 pods, only the legacy app label); c2 (staging): 5 nodes, Deployment web (3 pods, app shop-web).
    /// Pods start Running (seeded), since no controllers run in these tests.
    /// </summary>
    public const string TwoClusters = """
        clusters:
          - name: c1
            labels: {env: production}
            seedRunningPods: true
            nodePools:
              - {name: general, count: 8, zones: [z1, z2]}
              - {name: gpu, count: 2, labels: {accelerator: gpu}}
            workloads:
              - {name: web, replicas: 6, labels: {app.kubernetes.io/name: shop-web}}
              - {name: api, namespace: shop, replicas: 4}
          - name: c2
            labels: {env: staging}
            seedRunningPods: true
            nodePools:
              - {name: general, count: 5}
            workloads:
              - {name: web, replicas: 3, labels: {app.kubernetes.io/name: shop-web}}
          - name: c3
            nodePools:
              - {name: general, count: 1}
        """;
}
