using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>Services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR.</summary>
internal sealed class ServicePrinter : ITablePrinter
{
    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Type", "string", ColumnDescriptions.ServiceType),
        new("Cluster-IP", "string", ColumnDescriptions.ServiceClusterIP),
        new("External-IP", "string", ColumnDescriptions.ServiceExternalIPs),
        new("Port(s)", "string", ColumnDescriptions.ServicePorts),
        CommonColumns.Age,
        new("Selector", "string", ColumnDescriptions.ServiceSelector, Priority: 1),
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        var spec = item.GetObject("spec");
        var clusterIPs = Strings(spec.GetArray("clusterIPs"));
        var ports = string.Join(",", spec.GetArray("ports").Objects().Select(PortText));
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            spec.GetStringOrEmpty("type"),
            clusterIPs.Count > 0 ? clusterIPs[0] : "<none>",
            ExternalIP(spec, item.GetObject("status")),
            ports.Length == 0 ? "<none>" : ports,
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now),
            LabelFormatter.FormatLabels(spec.GetObject("selector"))));
    }

    private static string PortText(JsonObject port)
    {
        var number = port.GetInt64("port") ?? 0;
        var protocol = port.GetStringOrEmpty("protocol");
        var nodePort = port.GetInt64("nodePort") ?? 0;
        return nodePort > 0 ? $"{number}:{nodePort}/{protocol}" : $"{number}/{protocol}";
    }

    private static string ExternalIP(JsonObject? spec, JsonObject? status)
    {
        var externalIPs = Strings(spec.GetArray("externalIPs"));
        switch (spec.GetStringOrEmpty("type"))
        {
            case "ClusterIP" or "NodePort":
                return externalIPs.Count > 0 ? string.Join(",", externalIPs) : "<none>";
            case "LoadBalancer":
                // Ingress IPs (or hostnames) de-duplicated and sorted, as Go's sets.String does; never clipped,
                // because the server prints wide and the 16-character clipping applies only to narrow output.
                var ingress = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var entry in status.GetObject("loadBalancer").GetArray("ingress").Objects())
                {
                    var address = entry.GetStringOrEmpty("ip") is { Length: > 0 } ip ? ip : entry.GetStringOrEmpty("hostname");
                    if (address.Length > 0)
                    {
                        ingress.Add(address);
                    }
                }

                var all = ingress.Concat(externalIPs).ToList();
                return all.Count > 0 ? string.Join(",", all) : "<pending>";
            case "ExternalName":
                return spec.GetStringOrEmpty("externalName");
            default:
                return "<unknown>";
        }
    }

    private static List<string> Strings(JsonArray? array) =>
        array?.Select(node => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToList() ?? [];
}
