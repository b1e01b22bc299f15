using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Desired state of a <see cref="DaemonSet"/>.</summary>
public sealed class DaemonSetSpec
{
    /// <summary>Seconds a new pod must be ready without crashing to count as available.</summary>
    public int? MinReadySeconds { get; set; }

    /// <summary>Number of old revisions kept.</summary>
    public int? RevisionHistoryLimit { get; set; }

    /// <summary>Selects the daemon set's pods; must match the template's labels.</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary>The pods the daemon set creates.</summary>
    public PodTemplateSpec? Template { get; set; }

    /// <summary>How pods are replaced when the template changes.</summary>
    public DaemonSetUpdateStrategy? UpdateStrategy { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
