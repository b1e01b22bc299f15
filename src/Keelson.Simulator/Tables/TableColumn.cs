using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>One <c>columnDefinitions</c> entry of a <c>meta.k8s.io/v1 Table</c>; priority 1 marks an <c>-o wide</c> column.</summary>
internal sealed record TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "")
{
    // Every field is written, format "" and priority 0 included, as the API server's Go structs have no omitempty there.
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };
}
