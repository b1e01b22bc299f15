using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>One aspect of a <see cref="Job"/>'s state.</summary>
public sealed class JobCondition
{
    /// <summary>When the condition was last checked.</summary>
    public DateTimeOffset? LastProbeTime { get; set; }

    /// <summary>When the condition last changed from one status to another.</summary>
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>Human-readable details about the transition.</summary>
    public string? Message { get; set; }

    /// <summary>Machine-readable CamelCase reason for the last transition.</summary>
    public string? Reason { get; set; }

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public string? Status { get; set; }

    /// <summary><c>Complete</c>, <c>Failed</c>, <c>Suspended</c> and others.</summary>
    public string? Type { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
