using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keelson.Kubernetes.Resources;

/// <summary>One row of a <see cref="Table"/>.</summary>
public sealed class TableRow
{
    /// <summary>The cell values, one per column definition: strings, numbers, booleans or null.</summary>
    public List<JsonElement>? Cells { get; set; }

    /// <summary>Extra information about the row, e.g. that it represents a completed object.</summary>
    public List<TableRowCondition>? Conditions { get; set; }

    /// <summary>The object the row describes (full object, PartialObjectMetadata or absent, per <c>includeObject</c>).</summary>
    public JsonElement? Object { get; set; }

    /// <summary>Fields the model does not declare, preserved for round trips.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
