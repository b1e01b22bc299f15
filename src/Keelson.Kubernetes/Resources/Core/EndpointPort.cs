using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A port of an <see cref="EndpointSubset"/>.</summary>
public sealed class EndpointPort
{
    /// <summary>Application protocol of the port.</summary>
    public string? AppProtocol { get; set; }

    /// <summary>Name of the port, matching the service port's name.</summary>
    public string? Name { get; set; }

    /// <summary>The port number.</summary>
    public int? Port { get; set; }

    /// <summary><c>TCP</c>, <c>UDP</c> or <c>SCTP</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
