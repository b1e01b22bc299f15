using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>POSIX capabilities added to or dropped from a container.</summary>
public sealed class Capabilities
{
    /// <summary>Capabilities added, e.g. <c>NET_ADMIN</c>.</summary>
    public List<string>? Add { get; set; }

    /// <summary>Capabilities dropped, e.g. <c>ALL</c>.</summary>
    public List<string>? Drop { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
