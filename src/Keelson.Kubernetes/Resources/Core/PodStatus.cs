using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Observed state of a <see cref="Pod"/>; the alpha <c>resize</c> and <c>resourceClaimStatuses</c> stay in <see cref="ExtensionData"/>.</summary>
public sealed class PodStatus
{
    /// <summary>PodScheduled, Initialized, ContainersReady, Ready and others.</summary>
    public List<PodCondition>? Conditions { get; set; }

    /// <summary>One per app container.</summary>
    public List<ContainerStatus>? ContainerStatuses { get; set; }

    /// <summary>One per ephemeral container.</summary>
    public List<ContainerStatus>? EphemeralContainerStatuses { get; set; }

    /// <summary>IP address of the node the pod runs on.</summary>
    public string? HostIP { get; set; }

    /// <summary>IP addresses of the node, one per IP family.</summary>
    public List<HostIP>? HostIPs { get; set; }

    /// <summary>One per init container.</summary>
    public List<ContainerStatus>? InitContainerStatuses { get; set; }

    /// <summary>Human-readable message about why the pod is in this state.</summary>
    public string? Message { get; set; }

    /// <summary>Node the pod preempted other pods on and is expected to run on.</summary>
    public string? NominatedNodeName { get; set; }

    /// <summary><c>Pending</c>, <c>Running</c>, <c>Succeeded</c>, <c>Failed</c> or <c>Unknown</c>.</summary>
    public string? Phase { get; set; }

    /// <summary>IP address of the pod.</summary>
    public string? PodIP { get; set; }

    /// <summary>IP addresses of the pod, one per IP family.</summary>
    public List<PodIP>? PodIPs { get; set; }

    /// <summary><c>Guaranteed</c>, <c>Burstable</c> or <c>BestEffort</c>.</summary>
    public string? QosClass { get; set; }

    /// <summary>Brief CamelCase reason for the state, e.g. <c>Evicted</c>.</summary>
    public string? Reason { get; set; }

    /// <summary>When the kubelet acknowledged the pod, before pulling images.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
