using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Desired state of a <see cref="Node"/>; the deprecated <c>configSource</c> stays in <see cref="ExtensionData"/>.</summary>
public sealed class NodeSpec
{
    /// <summary>Deprecated; not all kubelets set it.</summary>
    public string? ExternalID { get; set; }

    /// <summary>The pod IP range assigned to the node.</summary>
    [JsonPropertyName("podCIDR")]
    public string? PodCidr { get; set; }

    /// <summary>The pod IP ranges assigned to the node, one per IP family.</summary>
    [JsonPropertyName("podCIDRs")]
    public List<string>? PodCidrs { get; set; }

    /// <summary>The node's ID in the cloud provider, <c>providername://id</c>.</summary>
    public string? ProviderID { get; set; }

    /// <summary>Taints that repel pods which do not tolerate them.</summary>
    public List<Taint>? Taints { get; set; }

    /// <summary>Whether new pods may not be scheduled on the node (cordoned).</summary>
    public bool? Unschedulable { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
