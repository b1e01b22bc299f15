using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A port of a <see cref="Service"/>.</summary>
public sealed class ServicePort
{
    /// <summary>Application protocol, e.g. <c>http</c> or <c>kubernetes.io/h2c</c>.</summary>
    public string? AppProtocol { get; set; }

    /// <summary>Name of the port, unique within the service.</summary>
    public string? Name { get; set; }

    /// <summary>Port on every node for NodePort and LoadBalancer services.</summary>
    public int? NodePort { get; set; }

    /// <summary>Port the service exposes.</summary>
    public int? Port { get; set; }

    /// <summary><c>TCP</c>, <c>UDP</c> or <c>SCTP</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>Port number or name on the pods.</summary>
    public IntOrString? TargetPort { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
