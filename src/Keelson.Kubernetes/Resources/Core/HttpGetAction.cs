using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>An HTTP GET health check (core/v1 HTTPGetAction).</summary>
public sealed class HttpGetAction
{
    /// <summary>Host name to connect to; the pod IP by default.</summary>
    public string? Host { get; set; }

    /// <summary>Headers to send.</summary>
    public List<HttpHeader>? HttpHeaders { get; set; }

    /// <summary>Path to request.</summary>
    public string? Path { get; set; }

    /// <summary>Port number or name.</summary>
    public IntOrString? Port { get; set; }

    /// <summary><c>HTTP</c> or <c>HTTPS</c>.</summary>
    public string? Scheme { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
