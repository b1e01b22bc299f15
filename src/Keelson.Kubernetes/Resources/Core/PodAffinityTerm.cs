using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Pods, selected by labels and namespaces, that must (not) share a topology domain; the alpha <c>matchLabelKeys</c> and <c>mismatchLabelKeys</c> stay in <see cref="ExtensionData"/>.</summary>
public sealed class PodAffinityTerm
{
    /// <summary>Selects the pods.</summary>
    public LabelSelector? LabelSelector { get; set; }

    /// <summary>Selects the namespaces the pods are searched in.</summary>
    public LabelSelector? NamespaceSelector { get; set; }

    /// <summary>Namespaces the pods are searched in; the pod's own when empty.</summary>
    public List<string>? Namespaces { get; set; }

    /// <summary>Node label whose value defines the topology domain, e.g. <c>kubernetes.io/hostname</c>.</summary>
    public string? TopologyKey { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
