namespace Keelson.Simulator.Scenarios;

/// <summary>One simulated cluster.</summary>
public sealed class ClusterSpec
{
    /// <summary>The cluster's name: its base path (<c>/clusters/NAME</c>) and kubeconfig context. A DNS label.</summary>
    public string Name { get; set; } = "";

    /// <summary>The Kubernetes minor version reported by <c>/version</c>, e.g. <c>"1.30"</c>.</summary>
    public string Version { get; set; } = "1.30";

    /// <summary>Labels describing the cluster (environment, region, tier); Keelson reads them as tags.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>Groups of identical nodes.</summary>
    public List<NodePoolSpec> NodePools { get; set; } = [];

    /// <summary>Applications running when the simulation starts.</summary>
    public List<WorkloadSpec> Workloads { get; set; } = [];

    /// <summary>
    /// Start the Deployments of <see cref="Workloads"/> already rolled out: each is written with its
    /// ReplicaSet and its pods bound round-robin to the nodes, Running and Ready, as if controllers,
    /// scheduler and kubelets had finished. For benchmark fleets of hundreds of thousands of pods,
    /// which would take many minutes to come up pod by pod. StatefulSets and DaemonSets are left to
    /// their controllers, and the controller that creates scenario workloads skips objects that exist.
    /// </summary>
    public bool SeedRunningPods { get; set; }
}
