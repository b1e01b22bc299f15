using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>The state of one service port of a load balancer.</summary>
public sealed class PortStatus
{
    /// <summary>Why the port is in error, if it is.</summary>
    public string? Error { get; set; }

    /// <summary>The port number.</summary>
    public int? Port { get; set; }

    /// <summary><c>TCP</c>, <c>UDP</c> or <c>SCTP</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
