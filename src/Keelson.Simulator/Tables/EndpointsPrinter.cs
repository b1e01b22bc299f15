using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>Endpoints: NAME ENDPOINTS AGE, the first three <c>ip:port</c> pairs then <c>+ N more...</c>.</summary>
internal sealed class EndpointsPrinter : ITablePrinter
{
    private const int Shown = 3;

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Endpoints", "string", ColumnDescriptions.EndpointsSubsets),
        CommonColumns.Age,
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            FormatEndpoints(item.GetArray("subsets")),
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now)));
    }

    private static string FormatEndpoints(JsonArray? subsets)
    {
        var subsetList = subsets.Objects().ToList();
        if (subsetList.Count == 0)
        {
            return "<none>";
        }

        var shown = new List<string>();
        var more = false;
        var count = 0;
        foreach (var subset in subsetList)
        {
            var addresses = subset.GetArray("addresses").Objects().Select(a => a.GetStringOrEmpty("ip")).ToList();
            var ports = subset.GetArray("ports").Objects().ToList();
            if (ports.Count == 0)
            {
                // Headless services may publish addresses without ports.
                count += addresses.Count;
                foreach (var ip in addresses)
                {
                    if (shown.Count == Shown)
                    {
                        more = true;
                        break;
                    }

                    shown.Add(ip);
                }

                continue;
            }

            foreach (var port in ports)
            {
                count += addresses.Count;
                foreach (var ip in addresses)
                {
                    if (shown.Count == Shown)
                    {
                        more = true;
                        break;
                    }

                    shown.Add(JoinHostPort(ip, port.GetInt64("port") ?? 0));
                }
            }
        }

        var text = string.Join(",", shown);
        return more ? $"{text} + {count - Shown} more..." : text;
    }

    // Go's net.JoinHostPort brackets hosts that contain a colon (IPv6).
    private static string JoinHostPort(string host, long port) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
}
