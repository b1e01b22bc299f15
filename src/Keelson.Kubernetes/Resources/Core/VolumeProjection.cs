using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>One source of a projected volume; the alpha <c>clusterTrustBundle</c> stays in <see cref="ExtensionData"/>.</summary>
public sealed class VolumeProjection
{
    /// <summary>Keys of a config map.</summary>
    public ConfigMapProjection? ConfigMap { get; set; }

    /// <summary>Fields of the pod.</summary>
    [JsonPropertyName("downwardAPI")]
    public DownwardApiProjection? DownwardApi { get; set; }

    /// <summary>Keys of a secret.</summary>
    public SecretProjection? Secret { get; set; }

    /// <summary>A service account token.</summary>
    public ServiceAccountTokenProjection? ServiceAccountToken { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
