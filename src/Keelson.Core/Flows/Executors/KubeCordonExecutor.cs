using Keelson.Core.Clusters;

namespace Keelson.Core.Flows.Executors;

/// <summary><c>kube.cordon</c>: marks a node unschedulable, as <c>kubectl cordon</c> does.</summary>
public sealed class KubeCordonExecutor(ClusterClients clusters) : NodeSchedulingExecutor(clusters, unschedulable: true)
{
    /// <inheritdoc />
    public override string Name => "kube.cordon";

    /// <inheritdoc />
    public override string Description => "Marks a node unschedulable, so no new pods land on it.";
}
