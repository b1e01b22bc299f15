using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Desired state of a <see cref="StatefulSet"/>.</summary>
public sealed class StatefulSetSpec
{
    /// <summary>Seconds a new pod must be ready without crashing to count as available.</summary>
    public int? MinReadySeconds { get; set; }

    /// <summary>Numbering of the pods.</summary>
    public StatefulSetOrdinals? Ordinals { get; set; }

    /// <summary>What happens to claims from the templates when pods are deleted or scaled down.</summary>
    public StatefulSetPersistentVolumeClaimRetentionPolicy? PersistentVolumeClaimRetentionPolicy { get; set; }

    /// <summary><c>OrderedReady</c> or <c>Parallel</c>.</summary>
    public string? PodManagementPolicy { get; set; }

    /// <summary>Desired number of pods.</summary>
    public int? Replicas { get; set; }

    /// <summary>Number of old revisions kept.</summary>
    public int? RevisionHistoryLimit { get; set; }

    /// <summary>Selects the stateful set's pods; must match the template's labels.</summary>
    public LabelSelector? Selector { get; set; }

    /// <summary>The governing headless service that gives the pods their DNS names.</summary>
    public string? ServiceName { get; set; }

    /// <summary>The pods the stateful set creates.</summary>
    public PodTemplateSpec? Template { get; set; }

    /// <summary>How pods are replaced when the template changes.</summary>
    public StatefulSetUpdateStrategy? UpdateStrategy { get; set; }

    /// <summary>Persistent volume claims each pod gets, kept as untyped objects.</summary>
    public List<GenericObject>? VolumeClaimTemplates { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
