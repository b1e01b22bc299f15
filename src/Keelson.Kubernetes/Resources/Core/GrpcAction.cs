using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A gRPC health check (core/v1 GRPCAction).</summary>
public sealed class GrpcAction
{
    /// <summary>Port number of the gRPC service.</summary>
    public int? Port { get; set; }

    /// <summary>Service name sent in the health-check request.</summary>
    public string? Service { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
