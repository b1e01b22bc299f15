using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A named volume of a pod; only common sources are typed, others stay in <see cref="ExtensionData"/>.</summary>
public sealed class Volume
{
    /// <summary>Files from a config map.</summary>
    public ConfigMapVolumeSource? ConfigMap { get; set; }

    /// <summary>Files from the pod's own fields.</summary>
    [JsonPropertyName("downwardAPI")]
    public DownwardApiVolumeSource? DownwardApi { get; set; }

    /// <summary>A directory that lives as long as the pod.</summary>
    public EmptyDirVolumeSource? EmptyDir { get; set; }

    /// <summary>A file or directory of the node.</summary>
    public HostPathVolumeSource? HostPath { get; set; }

    /// <summary>Name of the volume, unique within the pod.</summary>
    public string? Name { get; set; }

    /// <summary>A persistent volume claim in the pod's namespace.</summary>
    public PersistentVolumeClaimVolumeSource? PersistentVolumeClaim { get; set; }

    /// <summary>Several sources projected into one directory.</summary>
    public ProjectedVolumeSource? Projected { get; set; }

    /// <summary>Files from a secret.</summary>
    public SecretVolumeSource? Secret { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
