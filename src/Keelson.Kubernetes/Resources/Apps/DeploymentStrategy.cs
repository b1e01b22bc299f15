using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>How a <see cref="Deployment"/> replaces pods.</summary>
public sealed class DeploymentStrategy
{
    /// <summary>Parameters of a rolling update.</summary>
    public RollingUpdateDeployment? RollingUpdate { get; set; }

    /// <summary><c>Recreate</c> or <c>RollingUpdate</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
