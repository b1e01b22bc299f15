namespace Keelson.Simulator.Scenarios;

/// <summary>An application deployed in a cluster when the simulation starts.</summary>
public sealed class WorkloadSpec
{
    /// <summary>Its namespace (created when missing).</summary>
    public string Namespace { get; set; } = "default";

    /// <summary>Its name (also the <c>app</c> label).</summary>
    public string Name { get; set; } = "";

    /// <summary><c>Deployment</c>, <c>StatefulSet</c> or <c>DaemonSet</c>.</summary>
    public string Kind { get; set; } = "Deployment";

    /// <summary>Replicas (ignored for a DaemonSet).</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>The container image.</summary>
    public string Image { get; set; } = "nginx:1.25";

    /// <summary>CPU request (and limit when <see cref="CpuLimit"/> is empty), e.g. <c>100m</c>.</summary>
    public string Cpu { get; set; } = "100m";

    /// <summary>Memory request and limit, e.g. <c>128Mi</c>.</summary>
    public string Memory { get; set; } = "128Mi";

    /// <summary>CPU limit; empty for none.</summary>
    public string? CpuLimit { get; set; }

    /// <summary>The container port (and a Service in front of it); 0 for none.</summary>
    public int Port { get; set; }

    /// <summary>Extra labels of the workload and its pods.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];

    /// <summary>A PodDisruptionBudget for it, e.g. <c>{minAvailable: 2}</c>; none when absent.</summary>
    public DisruptionBudgetSpec? Pdb { get; set; }

    /// <summary>How its pods use CPU and memory.</summary>
    public UsageProfile Usage { get; set; } = new();
}
