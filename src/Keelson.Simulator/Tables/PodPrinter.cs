using System.Text.Json.Nodes;

namespace Keelson.Simulator.Tables;

/// <summary>
/// Pods: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. STATUS is the
/// kubectl summary of phase, init and container states (<c>Init:0/1</c>, <c>CrashLoopBackOff</c>,
/// <c>Completed</c>, <c>Terminating</c>...) as kube-apiserver 1.30 computes it.
/// </summary>
internal sealed class PodPrinter : ITablePrinter
{
    // The reason the node lifecycle controller gives pods on a node that stopped reporting.
    private const string NodeUnreachablePodReason = "NodeLost";

    public IReadOnlyList<TableColumn> Columns { get; } =
    [
        CommonColumns.Name,
        new("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
        new("Status", "string", "The aggregate status of the containers in this pod."),
        new("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        CommonColumns.Age,
        new("IP", "string", ColumnDescriptions.PodIP, Priority: 1),
        new("Node", "string", ColumnDescriptions.PodNodeName, Priority: 1),
        new("Nominated Node", "string", ColumnDescriptions.NominatedNodeName, Priority: 1),
        new("Readiness Gates", "string", ColumnDescriptions.ReadinessGates, Priority: 1),
    ];

    public TableRow Print(JsonObject item, DateTimeOffset now)
    {
        var metadata = item.GetObject("metadata");
        var spec = item.GetObject("spec");
        var status = item.GetObject("status");
        var conditions = status.GetArray("conditions").Objects().ToList();

        var phase = status.GetStringOrEmpty("phase");
        var statusReason = status.GetStringOrEmpty("reason");
        var reason = statusReason.Length > 0 ? statusReason : phase;
        if (conditions.Any(c => c.GetString("type") == "PodScheduled" && c.GetString("reason") == "SchedulingGated"))
        {
            reason = "SchedulingGated";
        }

        var initContainers = spec.GetArray("initContainers").Objects().ToList();
        var restartable = initContainers
            .Where(IsRestartableInitContainer)
            .Select(c => c.GetStringOrEmpty("name"))
            .ToHashSet(StringComparer.Ordinal);
        var totalContainers = spec.GetArray("containers").Objects().Count() + restartable.Count;
        var readyContainers = 0;

        var restarts = 0L;
        var restartableRestarts = 0L;
        DateTimeOffset? lastRestart = null;
        DateTimeOffset? lastRestartableRestart = null;

        var initializing = false;
        var initStatuses = status.GetArray("initContainerStatuses").Objects().ToList();
        for (var i = 0; i < initStatuses.Count; i++)
        {
            var container = initStatuses[i];
            var isRestartable = restartable.Contains(container.GetStringOrEmpty("name"));
            var restartCount = container.GetInt64("restartCount") ?? 0;
            var finishedAt = container.GetObject("lastState").GetObject("terminated").GetTime("finishedAt");
            restarts += restartCount;
            lastRestart = Later(lastRestart, finishedAt);
            if (isRestartable)
            {
                restartableRestarts += restartCount;
                lastRestartableRestart = Later(lastRestartableRestart, finishedAt);
            }

            var state = container.GetObject("state");
            var terminated = state.GetObject("terminated");
            var waiting = state.GetObject("waiting");
            if (terminated is not null && (terminated.GetInt64("exitCode") ?? 0) == 0)
            {
                continue;
            }

            if (isRestartable && container.GetBoolean("started") == true)
            {
                if (container.GetBoolean("ready") == true)
                {
                    readyContainers++;
                }

                continue;
            }

            if (terminated is not null)
            {
                var terminatedReason = terminated.GetStringOrEmpty("reason");
                reason = terminatedReason.Length > 0 ? "Init:" + terminatedReason
                    : (terminated.GetInt64("signal") ?? 0) != 0 ? $"Init:Signal:{terminated.GetInt64("signal")}"
                    : $"Init:ExitCode:{terminated.GetInt64("exitCode") ?? 0}";
            }
            else if (waiting.GetStringOrEmpty("reason") is { Length: > 0 } waitingReason && waitingReason != "PodInitializing")
            {
                reason = "Init:" + waitingReason;
            }
            else
            {
                reason = $"Init:{i}/{initContainers.Count}";
            }

            initializing = true;
            break;
        }

        if (!initializing || IsConditionTrue(conditions, "Initialized"))
        {
            restarts = restartableRestarts;
            lastRestart = lastRestartableRestart;
            var hasRunning = false;
            var containerStatuses = status.GetArray("containerStatuses").Objects().ToList();

            // Walked backwards so that the first container's state is the one the STATUS column shows.
            for (var i = containerStatuses.Count - 1; i >= 0; i--)
            {
                var container = containerStatuses[i];
                restarts += container.GetInt64("restartCount") ?? 0;
                lastRestart = Later(lastRestart, container.GetObject("lastState").GetObject("terminated").GetTime("finishedAt"));

                var state = container.GetObject("state");
                var waiting = state.GetObject("waiting");
                var terminated = state.GetObject("terminated");
                if (waiting.GetStringOrEmpty("reason") is { Length: > 0 } waitingReason)
                {
                    reason = waitingReason;
                }
                else if (terminated.GetStringOrEmpty("reason") is { Length: > 0 } terminatedReason)
                {
                    reason = terminatedReason;
                }
                else if (terminated is not null)
                {
                    reason = (terminated.GetInt64("signal") ?? 0) != 0
                        ? $"Signal:{terminated.GetInt64("signal")}"
                        : $"ExitCode:{terminated.GetInt64("exitCode") ?? 0}";
                }
                else if (container.GetBoolean("ready") == true && state.GetObject("running") is not null)
                {
                    hasRunning = true;
                    readyContainers++;
                }
            }

            // A container that exited 0 while another still runs is not a completed pod.
            if (reason == "Completed" && hasRunning)
            {
                reason = IsConditionTrue(conditions, "Ready") ? "Running" : "NotReady";
            }
        }

        // kube-apiserver 1.30 shows Terminating for any pod being deleted, even one that already finished
        // (the terminal-phase exception arrived in 1.31).
        if (metadata.GetString("deletionTimestamp") is not null)
        {
            reason = statusReason == NodeUnreachablePodReason ? "Unknown" : "Terminating";
        }

        var restartsText = restarts != 0 && lastRestart is { } last
            ? $"{restarts} ({HumanDuration.Since(last, now)} ago)"
            : restarts.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var podIPs = status.GetArray("podIPs").Objects().ToList();
        var podIP = podIPs.Count > 0 ? podIPs[0].GetStringOrEmpty("ip") : "";

        var cells = new JsonArray(
            metadata.GetStringOrEmpty("name"),
            $"{readyContainers}/{totalContainers}",
            reason,
            restartsText,
            HumanDuration.Since(metadata.GetTime("creationTimestamp"), now),
            OrNone(podIP),
            OrNone(spec.GetStringOrEmpty("nodeName")),
            OrNone(status.GetStringOrEmpty("nominatedNodeName")),
            ReadinessGates(spec, conditions));

        return new TableRow(cells, RowConditions(phase));
    }

    private static bool IsRestartableInitContainer(JsonObject container) => container.GetString("restartPolicy") == "Always";

    private static bool IsConditionTrue(List<JsonObject> conditions, string type) =>
        conditions.FirstOrDefault(c => c.GetString("type") == type)?.GetString("status") == "True";

    private static DateTimeOffset? Later(DateTimeOffset? current, DateTimeOffset? candidate) =>
        candidate is { } time && (current is null || current < time) ? time : current;

    private static string OrNone(string value) => value.Length == 0 ? "<none>" : value;

    private static string ReadinessGates(JsonObject? spec, List<JsonObject> conditions)
    {
        var gates = spec.GetArray("readinessGates").Objects().ToList();
        if (gates.Count == 0)
        {
            return "<none>";
        }

        var trueConditions = gates.Count(gate =>
            conditions.FirstOrDefault(c => c.GetString("type") == gate.GetString("conditionType"))?.GetString("status") == "True");
        return $"{trueConditions}/{gates.Count}";
    }

    private static JsonArray? RowConditions(string phase) => phase switch
    {
        "Succeeded" => [Completed("Succeeded", "The pod has completed successfully.")],
        "Failed" => [Completed("Failed", "The pod failed.")],
        _ => null,
    };

    private static JsonObject Completed(string reason, string message) => new()
    {
        ["type"] = "Completed",
        ["status"] = "True",
        ["reason"] = reason,
        ["message"] = message,
    };
}
