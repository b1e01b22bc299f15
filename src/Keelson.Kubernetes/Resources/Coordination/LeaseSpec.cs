using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Desired state of a <see cref="Lease"/>; the alpha <c>preferredHolder</c> and <c>strategy</c> stay in <see cref="ExtensionData"/>.</summary>
public sealed class LeaseSpec
{
    /// <summary>When the current holder acquired the lease.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? AcquireTime { get; set; }

    /// <summary>Identity of the current holder.</summary>
    public string? HolderIdentity { get; set; }

    /// <summary>Seconds candidates wait before they may take the lease over.</summary>
    public int? LeaseDurationSeconds { get; set; }

    /// <summary>Number of times the lease changed holders.</summary>
    public int? LeaseTransitions { get; set; }

    /// <summary>When the holder last renewed the lease.</summary>
    [JsonConverter(typeof(MicroTimeJsonConverter))]
    public DateTimeOffset? RenewTime { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
