using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>The cells a printer produced for one object, and the row conditions (<c>Completed</c>) it adds.</summary>
internal sealed record TableRow(JsonArray Cells, JsonArray? Conditions = null);
