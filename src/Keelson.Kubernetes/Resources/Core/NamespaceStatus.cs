using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Observed state of a <see cref="Namespace"/>.</summary>
public sealed class NamespaceStatus
{
    /// <summary>The latest available observations of the namespace's state.</summary>
    public List<NamespaceCondition>? Conditions { get; set; }

    /// <summary><c>Active</c> or <c>Terminating</c>.</summary>
    public string? Phase { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
