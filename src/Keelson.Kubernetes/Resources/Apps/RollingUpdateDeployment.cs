using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Parameters of a deployment's rolling update.</summary>
public sealed class RollingUpdateDeployment
{
    /// <summary>Pods allowed above the desired count during the update: a number or a percentage.</summary>
    public IntOrString? MaxSurge { get; set; }

    /// <summary>Pods allowed to be unavailable during the update: a number or a percentage.</summary>
    public IntOrString? MaxUnavailable { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
