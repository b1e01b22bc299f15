using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A condition on a <see cref="TableRow"/>.</summary>
public sealed class TableRowCondition
{
    /// <summary>Human-readable details about the transition.</summary>
    public string? Message { get; set; }

    /// <summary>Machine-readable CamelCase reason for the last transition.</summary>
    public string? Reason { get; set; }

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    public string? Status { get; set; }

    /// <summary>Type of the condition; <c>Completed</c> marks a row for an object that ran to completion.</summary>
    public string? Type { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
