using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A header of an HTTP probe (core/v1 HTTPHeader).</summary>
public sealed class HttpHeader
{
    /// <summary>The header name.</summary>
    public string? Name { get; set; }

    /// <summary>The header value.</summary>
    public string? Value { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
