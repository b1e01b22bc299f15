using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A container image present on a node.</summary>
public sealed class ContainerImage
{
    /// <summary>Names known for the image, e.g. <c>registry/app:1.0</c> and its digest form.</summary>
    public List<string>? Names { get; set; }

    /// <summary>Size of the image in bytes.</summary>
    public long? SizeBytes { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
