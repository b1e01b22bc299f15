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
}
