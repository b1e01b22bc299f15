using System.CommandLine;
using System.Text.Json.Nodes;

namespace Keelson.Cli;

/// <summary>
/// The live fleet view from the command line: <c>keelson node list</c>, <c>keelson pod list</c>,
/// <c>keelson workload list</c> and <c>keelson cluster health</c>. Every answer comes from the
/// server's in-memory view; no request reaches a cluster.
/// </summary>
internal static class FleetCommands
{
    /// <summary>Page size when following <c>continue</c> tokens, as kubectl's <c>--chunk-size</c> default.</summary>
    private const int ChunkSize = 500;

    private static readonly Printer.Column[] NodeColumns =
    [
        new("CLUSTER", n => Printer.Text(n["cluster"])),
        new("NAME", n => Printer.Text(n["name"])),
        new("STATUS", NodeStatus),
        new("PROBLEMS", n => n["problems"] is JsonArray { Count: > 0 } p ? string.Join(",", p.Select(c => Printer.Text(c!["type"]))) : "<none>"),
        new("VERSION", n => Printer.Text(n["kubeletVersion"])),
        new("INTERNAL-IP", n => Printer.Text(n["internalIp"])),
        new("AGE", n => Printer.Age(n["createdAt"])),
    ];

    private static readonly Printer.Column[] PodColumns =
    [
        new("CLUSTER", p => Printer.Text(p["cluster"])),
        new("NAMESPACE", p => Printer.Text(p["namespace"])),
        new("NAME", p => Printer.Text(p["name"])),
        new("READY", p => p["ready"]?.GetValue<bool>() == true ? "true" : "false"),
        new("STATUS", p => Printer.Text(p["status"])),
        new("RESTARTS", p => Printer.Text(p["restarts"])),
        new("NODE", p => p["node"] is null ? "<none>" : Printer.Text(p["node"])),
        new("AGE", p => Printer.Age(p["startedAt"])),
    ];

    private static readonly Printer.Column[] WorkloadColumns =
    [
        new("CLUSTER", w => Printer.Text(w["cluster"])),
        new("NAMESPACE", w => Printer.Text(w["namespace"])),
        new("KIND", w => Printer.Text(w["kind"])),
        new("NAME", w => Printer.Text(w["name"])),
        new("READY", w => $"{Printer.Text(w["ready"])}/{Printer.Text(w["desired"])}"),
        new("AVAILABLE", w => Printer.Text(w["available"])),
        new("IMAGES", w => w["images"] is JsonArray images ? string.Join(",", images.Select(i => Printer.Text(i))) : ""),
    ];

    private static readonly Printer.Column[] HealthColumns =
    [
        new("CLUSTER", c => Printer.Text(c["name"])),
        new("STATUS", c => Printer.Text(c["status"])),
        new("REACHABLE", c => Printer.Text(c["reachable"]) is { Length: > 0 } r ? r : "<unknown>"),
        new("LATENCY", c => Printer.Text(c["apiLatency"])),
        new("NODES-READY", c => $"{Printer.Text(c["nodes"]?["ready"])}/{Printer.Text(c["nodes"]?["total"])}"),
        new("PODS", c => Printer.Text(c["pods"]?["total"])),
        new("WORKLOADS-DEGRADED", c => Printer.Text(c["workloads"]?["notAvailable"])),
        new("WARNINGS", c => Printer.Text(c["warningEvents"])),
        new("STALE", c => c["stale"] is { } s ? $"{Printer.Text(s["reason"])} (since {Printer.Age(s["since"])})" : ""),
    ];

    /// <summary><c>keelson node list</c>.</summary>
    public static Command Nodes(ApiOptions api)
    {
        var cluster = new Option<string?>("--cluster", "-c") { Description = "Only this cluster." };
        var selector = new Option<string?>("--selector", "-l") { Description = "Only nodes whose labels match, e.g. topology.kubernetes.io/zone=east-1a,node.kubernetes.io/instance-type!=small." };
        var notReady = new Option<bool>("--not-ready") { Description = "Only nodes whose Ready condition is not True." };
        var condition = new Option<string?>("--condition") { Description = "Only nodes with this problem: NotReady, MemoryPressure, DiskPressure, PIDPressure, KernelDeadlock..., or any." };
        var cordoned = new Option<bool>("--cordoned") { Description = "Only cordoned (unschedulable) nodes." };
        var list = new Command("list", """
            List nodes across the fleet, with their problems (conditions that signal trouble).

            Examples:
              keelson node list --not-ready
              keelson node list -c prod-east -l topology.kubernetes.io/zone=east-1a
              keelson node list --condition any -o json
            """) { cluster, selector, notReady, condition, cordoned };
        api.SetAction(list, async s =>
        {
            var query = new List<(string, string?)>
            {
                ("cluster", s.Parse.GetValue(cluster)),
                ("selector", s.Parse.GetValue(selector)),
                ("condition", s.Parse.GetValue(notReady) ? "NotReady" : s.Parse.GetValue(condition)),
                ("cordoned", s.Parse.GetValue(cordoned) ? "true" : null),
            };
            await s.PrintAsync(await ListAllAsync(s, "api/v1/nodes", query), NodeColumns);
        });
        return api.Group("node", "Nodes across the fleet, from the live fleet view.", list);
    }

    /// <summary><c>keelson pod list</c>.</summary>
    public static Command Pods(ApiOptions api)
    {
        var app = new Option<string?>("--app", "-a") { Description = "Only pods of this app (label app.kubernetes.io/name, else app)." };
        var cluster = new Option<string?>("--cluster", "-c") { Description = "Only this cluster." };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Only this namespace." };
        var phase = new Option<string?>("--phase") { Description = "Only pods in this phase: Pending, Running, Succeeded, Failed or Unknown." };
        var list = new Command("list", """
            List pods across the fleet.

            Examples:
              keelson pod list --app checkout
              keelson pod list -c prod-east -n shop --phase Pending
            """) { app, cluster, ns, phase };
        api.SetAction(list, async s =>
        {
            var query = new List<(string, string?)>
            {
                ("app", s.Parse.GetValue(app)),
                ("cluster", s.Parse.GetValue(cluster)),
                ("namespace", s.Parse.GetValue(ns)),
                ("phase", s.Parse.GetValue(phase)),
            };
            await s.PrintAsync(await ListAllAsync(s, "api/v1/pods", query), PodColumns);
        });
        return api.Group("pod", "Pods across the fleet, from the live fleet view.", list);
    }

    /// <summary><c>keelson workload list</c>.</summary>
    public static Command Workloads(ApiOptions api)
    {
        var cluster = new Option<string?>("--cluster", "-c") { Description = "Only this cluster." };
        var ns = new Option<string?>("--namespace", "-n") { Description = "Only this namespace." };
        var kind = new Option<string?>("--kind", "-k") { Description = "Only Deployment, StatefulSet or DaemonSet." };
        var degraded = new Option<bool>("--not-available") { Description = "Only workloads not fully available." };
        var list = new Command("list", """
            List Deployments, StatefulSets and DaemonSets across the fleet.

            Examples:
              keelson workload list --not-available
              keelson workload list -c staging -k statefulset
            """) { cluster, ns, kind, degraded };
        api.SetAction(list, async s =>
        {
            var query = new List<(string, string?)>
            {
                ("cluster", s.Parse.GetValue(cluster)),
                ("namespace", s.Parse.GetValue(ns)),
                ("kind", s.Parse.GetValue(kind)),
                ("notAvailable", s.Parse.GetValue(degraded) ? "true" : null),
            };
            await s.PrintAsync(await ListAllAsync(s, "api/v1/workloads", query), WorkloadColumns);
        });
        return api.Group("workload", "Workloads across the fleet, from the live fleet view.", list);
    }

    /// <summary><c>keelson cluster health</c>, a subcommand of <c>keelson cluster</c>.</summary>
    public static Command Health(ApiOptions api)
    {
        var name = new Argument<string?>("name") { Description = "One cluster (default: every cluster you may view).", Arity = ArgumentArity.ZeroOrOne };
        var health = new Command("health", """
            Show how each cluster is doing: reachable, API latency, nodes ready, pods, degraded
            workloads, warnings, and whether Keelson's view of it is current or stale (and why).

            Examples:
              keelson cluster health
              keelson cluster health prod-east -o yaml
            """) { name };
        api.SetAction(health, async s =>
        {
            var data = s.Parse.GetValue(name) is { } one
                ? await s.Api.GetAsync($"api/v1/clusters/{Uri.EscapeDataString(one)}/health", s.Cancellation)
                : await ListAllAsync(s, "api/v1/cluster-health", []);
            await s.PrintAsync(data, HealthColumns);
        });
        return health;
    }

    private static string NodeStatus(JsonNode node)
    {
        var status = node["ready"]?.GetValue<bool>() == true ? "Ready" : "NotReady";
        return node["cordoned"]?.GetValue<bool>() == true ? status + ",SchedulingDisabled" : status;
    }

    /// <summary>Every page of a list, followed through its continue tokens, as one <c>{"items": [...]}</c>.</summary>
    private static async Task<JsonObject> ListAllAsync(ApiSession s, string path, IEnumerable<(string Name, string? Value)> query)
    {
        var items = new JsonArray();
        var parameters = query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value!)}").ToList();
        string? token = null;
        do
        {
            var url = $"{path}?{string.Join('&', parameters.Append($"limit={ChunkSize}"))}" + (token is null ? "" : $"&continue={Uri.EscapeDataString(token)}");
            var page = await s.Api.GetAsync(url, s.Cancellation);
            foreach (var item in page?["items"]?.AsArray() ?? [])
            {
                items.Add(item?.DeepClone());
            }

            token = page?["continue"]?.GetValue<string>();
        }
        while (token is not null);
        return new JsonObject { ["items"] = items };
    }
}
