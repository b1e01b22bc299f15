using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>Metadata of a list: the version it was read at and the token for its next page.</summary>
public sealed class ListMeta
{
    /// <summary>The collection's resource version; start a watch from here to see what changed after the list.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary>Token for the next page; empty on the last page.</summary>
    public string? Continue { get; set; }

    /// <summary>How many items remain after this page, when the server knows.</summary>
    public long? RemainingItemCount { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
