using Keelson.Core.Clusters;

namespace Keelson.Core.Flows.Executors;

/// <summary><c>kube.uncordon</c>: marks a node schedulable again, as <c>kubectl uncordon</c> does.</summary>
public sealed class KubeUncordonExecutor(ClusterClients clusters) : NodeSchedulingExecutor(clusters, unschedulable: false)
{
    /// <inheritdoc />
    public override string Name => "kube.uncordon";

    /// <inheritdoc />
    public override string Description => "Marks a node schedulable again.";
}
