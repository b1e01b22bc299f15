using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Parameters of a daemon set's rolling update.</summary>
public sealed class RollingUpdateDaemonSet
{
    /// <summary>Nodes that may run an old and a new pod at once: a number or a percentage.</summary>
    public IntOrString? MaxSurge { get; set; }

    /// <summary>Nodes whose pod may be unavailable during the update: a number or a percentage.</summary>
    public IntOrString? MaxUnavailable { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
