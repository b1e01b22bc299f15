using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>The component that reported an event.</summary>
public sealed class EventSource
{
    /// <summary>The component, e.g. <c>kubelet</c>.</summary>
    public string? Component { get; set; }

    /// <summary>The node the component runs on.</summary>
    public string? Host { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
