using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Numbering of a <see cref="StatefulSet"/>'s pods.</summary>
public sealed class StatefulSetOrdinals
{
    /// <summary>Number of the first pod.</summary>
    public int? Start { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
