using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A network port of a container.</summary>
public sealed class ContainerPort
{
    /// <summary>Port number on the pod's IP address; JSON <c>containerPort</c> (C# forbids a member named like its class).</summary>
    [JsonPropertyName("containerPort")]
    public int? Port { get; set; }

    /// <summary>Host IP to bind the external port to.</summary>
    public string? HostIP { get; set; }

    /// <summary>Port number on the host.</summary>
    public int? HostPort { get; set; }

    /// <summary>IANA_SVC_NAME that services can refer to.</summary>
    public string? Name { get; set; }

    /// <summary><c>TCP</c>, <c>UDP</c> or <c>SCTP</c>.</summary>
    public string? Protocol { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
