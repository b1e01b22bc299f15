using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A volume mounted into a container; the alpha <c>recursiveReadOnly</c> stays in <see cref="ExtensionData"/>.</summary>
public sealed class VolumeMount
{
    /// <summary>Path in the container where the volume is mounted.</summary>
    public string? MountPath { get; set; }

    /// <summary><c>None</c>, <c>HostToContainer</c> or <c>Bidirectional</c>.</summary>
    public string? MountPropagation { get; set; }

    /// <summary>Name of the volume.</summary>
    public string? Name { get; set; }

    /// <summary>Whether the mount is read-only.</summary>
    public bool? ReadOnly { get; set; }

    /// <summary>Path within the volume to mount instead of its root.</summary>
    public string? SubPath { get; set; }

    /// <summary>Like <see cref="SubPath"/>, with <c>$(VAR)</c> references expanded.</summary>
    public string? SubPathExpr { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
