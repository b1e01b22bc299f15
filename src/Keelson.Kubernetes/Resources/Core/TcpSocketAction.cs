using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A TCP connection health check (core/v1 TCPSocketAction).</summary>
public sealed class TcpSocketAction
{
    /// <summary>Host name to connect to; the pod IP by default.</summary>
    public string? Host { get; set; }

    /// <summary>Port number or name.</summary>
    public IntOrString? Port { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
