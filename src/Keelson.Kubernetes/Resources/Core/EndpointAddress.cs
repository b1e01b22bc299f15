using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>One address behind a service.</summary>
public sealed class EndpointAddress
{
    /// <summary>Hostname of the endpoint.</summary>
    public string? Hostname { get; set; }

    /// <summary>IP address of the endpoint.</summary>
    public string? IP { get; set; }

    /// <summary>Node hosting the endpoint.</summary>
    public string? NodeName { get; set; }

    /// <summary>The object behind the address, usually a pod.</summary>
    public ObjectReference? TargetRef { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
