using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>
/// Nodes: NAME STATUS ROLES AGE VERSION, wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION
/// CONTAINER-RUNTIME. STATUS is <c>Ready</c>, <c>NotReady</c> (Ready condition False or Unknown) or
/// <c>Unknown</c> (no Ready condition), with <c>,SchedulingDisabled</c> when cordoned.
/// </summary>
internal sealed class NodePrinter : ITablePrinter
{
    private const string RoleLabelPrefix = "node-role.kubernetes.io/";
    private const string LegacyRoleLabel = "kubernetes.io/role";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Status", "string", "The status of the node"),
        new("Roles", "string", "The roles of the node"),
        CommonColumns.Age,
        new("Version", "string", ColumnDescriptions.KubeletVersion),
        new("Internal-IP", "string", ColumnDescriptions.NodeAddresses, Priority: 1),
        new("External-IP", "string", ColumnDescriptions.NodeAddresses, Priority: 1),
        new("OS-Image", "string", ColumnDescriptions.OsImage, Priority: 1),
        new("Kernel-Version", "string", ColumnDescriptions.KernelVersion, Priority: 1),
        new("Container-Runtime", "string", ColumnDescriptions.ContainerRuntimeVersion, Priority: 1),
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        var status = item.GetObject("status");
        var nodeInfo = status.GetObject("nodeInfo");

        var states = new List<string>();
        // Only the last Ready condition of a given type counts, as the printer builds a map keyed by type.
        var ready = status.GetArray("conditions").Objects().LastOrDefault(c => c.GetString("type") == "Ready");
        if (ready is not null)
        {
            states.Add(ready.GetString("status") == "True" ? "Ready" : "NotReady");
        }
        else
        {
            states.Add("Unknown");
        }

        if (item.GetObject("spec").GetBoolean("unschedulable") == true)
        {
            states.Add("SchedulingDisabled");
        }

        var roles = Roles(metadata.GetObject("labels"));
        var addresses = status.GetArray("addresses").Objects().ToList();
        return new TableRow(new JsonArray(
            metadata.GetStringOrEmpty("name"),
            string.Join(",", states),
            roles.Count == 0 ? "<none>" : string.Join(",", roles),
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now),
            nodeInfo.GetStringOrEmpty("kubeletVersion"),
            FirstAddress(addresses, "InternalIP"),
            FirstAddress(addresses, "ExternalIP"),
            OrUnknown(nodeInfo.GetStringOrEmpty("osImage")),
            OrUnknown(nodeInfo.GetStringOrEmpty("kernelVersion")),
            OrUnknown(nodeInfo.GetStringOrEmpty("containerRuntimeVersion"))));
    }

    private static SortedSet<string> Roles(JsonObject? labels)
    {
        var roles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels ?? [])
        {
            if (key.StartsWith(RoleLabelPrefix, StringComparison.Ordinal) && key.Length > RoleLabelPrefix.Length)
            {
                roles.Add(key[RoleLabelPrefix.Length..]);
            }
            else if (key == LegacyRoleLabel && value is JsonValue v && v.TryGetValue<string>(out var role) && role.Length > 0)
            {
                roles.Add(role);
            }
        }

        return roles;
    }

    private static string FirstAddress(List<JsonObject> addresses, string type) =>
        addresses.FirstOrDefault(a => a.GetString("type") == type) is { } address ? address.GetStringOrEmpty("address") : "<none>";

    private static string OrUnknown(string value) => value.Length == 0 ? "<unknown>" : value;
}
