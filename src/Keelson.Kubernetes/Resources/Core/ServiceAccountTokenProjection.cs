using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A service account token in a projected volume.</summary>
public sealed class ServiceAccountTokenProjection
{
    /// <summary>Intended audience of the token.</summary>
    public string? Audience { get; set; }

    /// <summary>Requested lifetime of the token.</summary>
    public long? ExpirationSeconds { get; set; }

    /// <summary>Relative path of the token file.</summary>
    public string? Path { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
