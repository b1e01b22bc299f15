using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>One aspect of an object's current state (meta/v1 Condition).</summary>
public sealed class Condition
{
    /// <summary>When the condition last changed from one status to another.</summary>
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>Human-readable details about the transition.</summary>
    public string? Message { get; set; }

    /// <summary>The <c>metadata.generation</c> the condition was set from.</summary>
    public long? ObservedGeneration { get; set; }

    /// <summary>Machine-readable CamelCase reason for the last transition.</summary>
    public string? Reason { get; set; }

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public string? Status { get; set; }

    /// <summary>Type of the condition in CamelCase, e.g. <c>Available</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
