using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Lets a pod be scheduled on (or stay on) a node with a matching taint.</summary>
public sealed class Toleration
{
    /// <summary>Taint effect to match; all effects when empty.</summary>
    public string? Effect { get; set; }

    /// <summary>Taint key to match; all keys when empty with operator <c>Exists</c>.</summary>
    public string? Key { get; set; }

    /// <summary><c>Exists</c> or <c>Equal</c>.</summary>
    public string? Operator { get; set; }

    /// <summary>For <c>NoExecute</c>: how long the pod stays after the taint appears.</summary>
    public long? TolerationSeconds { get; set; }

    /// <summary>Taint value to match with operator <c>Equal</c>.</summary>
    public string? Value { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
