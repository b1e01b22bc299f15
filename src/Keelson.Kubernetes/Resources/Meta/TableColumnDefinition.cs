using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>One column of a <see cref="Table"/>.</summary>
public sealed class TableColumnDefinition
{
    /// <summary>Human-readable description of the column.</summary>
    public string? Description { get; set; }

    /// <summary>Optional OpenAPI format modifier for the type, e.g. <c>name</c> or <c>date-time</c>.</summary>
    public string? Format { get; set; }

    /// <summary>Column header, e.g. <c>NAME</c> or <c>Ready</c>.</summary>
    public string? Name { get; set; }

    /// <summary>Zero for standard columns; a higher number means less important (shown with <c>-o wide</c>).</summary>
    public int? Priority { get; set; }

    /// <summary>OpenAPI type of the cells: <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c> or <c>date</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
