using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Observed state of a <see cref="Node"/>; the deprecated <c>config</c> and the alpha <c>runtimeHandlers</c> stay in <see cref="ExtensionData"/>.</summary>
public sealed class NodeStatus
{
    /// <summary>Addresses reachable to the node: hostname, internal and external IPs.</summary>
    public List<NodeAddress>? Addresses { get; set; }

    /// <summary>Resources available to pods: capacity minus reservations.</summary>
    public Dictionary<string, Quantity>? Allocatable { get; set; }

    /// <summary>Total resources of the node.</summary>
    public Dictionary<string, Quantity>? Capacity { get; set; }

    /// <summary>Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable and others.</summary>
    public List<NodeCondition>? Conditions { get; set; }

    /// <summary>Ports of the daemons running on the node.</summary>
    public NodeDaemonEndpoints? DaemonEndpoints { get; set; }

    /// <summary>Container images on the node.</summary>
    public List<ContainerImage>? Images { get; set; }

    /// <summary>Versions and IDs reported by the node.</summary>
    public NodeSystemInfo? NodeInfo { get; set; }

    /// <summary>Deprecated: the node's lifecycle phase.</summary>
    public string? Phase { get; set; }

    /// <summary>Volumes attached to the node.</summary>
    public List<AttachedVolume>? VolumesAttached { get; set; }

    /// <summary>Volumes in use (mounted) by the node.</summary>
    public List<string>? VolumesInUse { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
