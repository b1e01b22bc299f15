using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>One aspect of a <see cref="Pod"/>'s state.</summary>
public sealed class PodCondition
{
    /// <summary>When the condition was last probed.</summary>
    public DateTimeOffset? LastProbeTime { get; set; }

    /// <summary>When the condition last changed from one status to another.</summary>
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>Human-readable details about the transition.</summary>
    public string? Message { get; set; }

    /// <summary>Machine-readable CamelCase reason for the last transition.</summary>
    public string? Reason { get; set; }

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public string? Status { get; set; }

    /// <summary>Type of the condition, e.g. <c>Ready</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
