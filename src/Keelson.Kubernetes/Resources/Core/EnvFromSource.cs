using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A source whose keys all become environment variables.</summary>
public sealed class EnvFromSource
{
    /// <summary>The config map to read.</summary>
    public ConfigMapEnvSource? ConfigMapRef { get; set; }

    /// <summary>Prefix added to every key.</summary>
    public string? Prefix { get; set; }

    /// <summary>The secret to read.</summary>
    public SecretEnvSource? SecretRef { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
