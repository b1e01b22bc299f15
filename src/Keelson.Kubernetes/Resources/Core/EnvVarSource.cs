using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Where an environment variable's value comes from.</summary>
public sealed class EnvVarSource
{
    /// <summary>A key of a config map.</summary>
    public ConfigMapKeySelector? ConfigMapKeyRef { get; set; }

    /// <summary>A field of the pod, e.g. <c>metadata.name</c> or <c>status.podIP</c>.</summary>
    public ObjectFieldSelector? FieldRef { get; set; }

    /// <summary>A resource of the container, e.g. <c>limits.memory</c>.</summary>
    public ResourceFieldSelector? ResourceFieldRef { get; set; }

    /// <summary>A key of a secret.</summary>
    public SecretKeySelector? SecretKeyRef { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
