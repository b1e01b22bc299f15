using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>A tabular view of objects, as returned for <c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c> (meta.k8s.io/v1 Table).</summary>
public sealed class Table
{
    /// <summary><c>meta.k8s.io/v1</c>.</summary>
    public string? ApiVersion { get; set; }

    /// <summary><c>Table</c>.</summary>
    public string? Kind { get; set; }

    /// <summary>Resource version and continue token of the underlying list.</summary>
    public ListMeta? Metadata { get; set; }

    /// <summary>The columns, in display order.</summary>
    public List<TableColumnDefinition>? ColumnDefinitions { get; set; }

    /// <summary>One row per object.</summary>
    public List<TableRow>? Rows { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
