using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>How a <see cref="DaemonSet"/> replaces pods.</summary>
public sealed class DaemonSetUpdateStrategy
{
    /// <summary>Parameters of a rolling update.</summary>
    public RollingUpdateDaemonSet? RollingUpdate { get; set; }

    /// <summary><c>RollingUpdate</c> or <c>OnDelete</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
