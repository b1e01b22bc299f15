using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Repels pods that do not tolerate it from a node (core/v1 Taint).</summary>
public sealed class Taint
{
    /// <summary><c>NoSchedule</c>, <c>PreferNoSchedule</c> or <c>NoExecute</c>.</summary>
    public string? Effect { get; set; }

    /// <summary>The taint key.</summary>
    public string? Key { get; set; }

    /// <summary>When a <c>NoExecute</c> taint was added.</summary>
    public DateTimeOffset? TimeAdded { get; set; }

    /// <summary>The taint value.</summary>
    public string? Value { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
