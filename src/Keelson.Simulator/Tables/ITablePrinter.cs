using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>
/// The table printer of one kind, as kube-apiserver registers one per type in
/// <c>pkg/printers/internalversion</c>. It always prints every column (the server prints "wide"; kubectl hides
/// priority 1 columns unless asked for <c>-o wide</c>).
/// </summary>
internal interface ITablePrinter
{
    /// <summary>The column definitions, in cell order.</summary>
    IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The row for one object, with times relative to <paramref name="now"/>.</summary>
    TableRow Print(JsonObject item, DateTimeOffset now);
}
