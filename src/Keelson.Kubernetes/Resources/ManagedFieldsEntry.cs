using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>One field manager's ownership record (server-side apply).</summary>
public sealed class ManagedFieldsEntry
{
    /// <summary>The field manager, e.g. <c>kubectl</c> or <c>keelson</c>.</summary>
    public string? Manager { get; set; }

    /// <summary><c>Apply</c> or <c>Update</c>.</summary>
    public string? Operation { get; set; }

    /// <summary>API version the fields are expressed in.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>When the entry was last changed.</summary>
    public DateTimeOffset? Time { get; set; }

    /// <summary>Always <c>FieldsV1</c>.</summary>
    public string? FieldsType { get; set; }

    /// <summary>The owned fields as a trie.</summary>
    public JsonElement? FieldsV1 { get; set; }

    /// <summary>The subresource the manager wrote through, if any.</summary>
    public string? Subresource { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
