using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A series of repeated events.</summary>
public sealed class EventSeries
{
    /// <summary>Number of occurrences in the series so far.</summary>
    public int? Count { get; set; }

    /// <summary>When the last occurrence was observed.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? LastObservedTime { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
