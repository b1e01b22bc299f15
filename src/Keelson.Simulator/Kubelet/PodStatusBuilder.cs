using System.Text.Json.Nodes;
using Keelson.Simulator.Registry;

namespace Keelson.Simulator.Kubelet;

/// <summary>
/// Writes a pod's status as the kubelet reports it: phase by kube's getPhase rules, the
/// kubelet's four conditions (PodReadyToStartContainers, Initialized, Ready, ContainersReady)
/// ahead of those others own (PodScheduled, DisruptionTarget), host and pod IPs, start time,
/// and a status per container — fields in the order kube-apiserver writes them.
/// </summary>
internal static class PodStatusBuilder
{
    private static readonly string[] KubeletConditions = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"];

    /// <summary>The pod phase now.</summary>
    public static string Phase(PodRuntime pod)
    {
        if (pod.InitContainers.Any(c => !c.Sidecar && c.Step == ContainerStep.Exited && c.Terminated?.ExitCode != 0))
        {
            return "Failed";
        }

        if (!pod.Stopped && pod.InitContainers.Any(c => !c.InitDone))
        {
            return "Pending";
        }

        int running = 0, waiting = 0, stopped = 0, succeeded = 0;
        foreach (var container in pod.Containers)
        {
            switch (container.Step)
            {
                case ContainerStep.Running:
                    running++;
                    break;
                case ContainerStep.Exited:
                    stopped++;
                    succeeded += container.Terminated?.ExitCode == 0 ? 1 : 0;
                    break;
                case ContainerStep.CrashBackOff:
                    stopped++;
                    break;
                default:
                    if (container.LastTerminated is null)
                    {
                        waiting++;
                    }
                    else
                    {
                        stopped++;
                    }

                    break;
            }
        }

        if (waiting > 0)
        {
            return "Pending";
        }

        if (running > 0)
        {
            return "Running";
        }

        if (stopped == 0)
        {
            return "Pending";
        }

        return (pod.Stopped || pod.RestartPolicy == "Never", pod.RestartPolicy) switch
        {
            (true, _) => stopped == succeeded ? "Succeeded" : "Failed",
            (_, "OnFailure") => stopped == succeeded ? "Succeeded" : "Running",
            _ => "Running",
        };
    }

    /// <summary>Replaces the kubelet's part of <paramref name="status"/> (the pod's status object) with the runtime's view.</summary>
    public static void Write(PodRuntime pod, JsonObject status, string? hostIp, DateTimeOffset now)
    {
        var phase = Phase(pod);
        var foreign = (status["conditions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(c => !KubeletConditions.Contains(c["type"]?.GetValue<string>()))
            .Select(c => c.DeepClone())
            .ToList();
        var conditions = new JsonArray();
        foreach (var condition in Conditions(pod, phase, now))
        {
            conditions.Add(condition);
        }

        foreach (var condition in foreign)
        {
            conditions.Add(condition);
        }

        var qos = status["qosClass"]?.DeepClone();
        var nominated = status["nominatedNodeName"]?.DeepClone();
        var reason = status["reason"]?.DeepClone();
        var message = status["message"]?.DeepClone();
        status.Clear();
        status["phase"] = phase;
        status["conditions"] = conditions;
        Put(status, "message", message);
        Put(status, "reason", reason);
        Put(status, "nominatedNodeName", nominated);
        if (hostIp is not null)
        {
            status["hostIP"] = hostIp;
            status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp });
        }

        if (pod.PodIp is { } ip && !pod.Stopped)
        {
            status["podIP"] = ip;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
        }

        if (pod.StartTime is { } start)
        {
            status["startTime"] = ObjectRegistry.TimeText(start);
        }

        if (pod.InitContainers.Length > 0)
        {
            status["initContainerStatuses"] = new JsonArray([.. pod.InitContainers.Select(ContainerStatus)]);
        }

        status["containerStatuses"] = new JsonArray([.. pod.Containers.Select(ContainerStatus)]);
        Put(status, "qosClass", qos);
    }

    private static IEnumerable<JsonObject> Conditions(PodRuntime pod, string phase, DateTimeOffset now)
    {
        yield return Condition(pod, now, "PodReadyToStartContainers", pod.PodIp is not null && !pod.Stopped, null, null);

        var incomplete = pod.InitContainers.Where(c => !c.InitDone).Select(c => c.Name).ToList();
        var initialized = incomplete.Count == 0 || phase is "Succeeded" || (phase is "Failed" && pod.Stopped);
        yield return Condition(pod, now, "Initialized", initialized, "ContainersNotInitialized", $"containers with incomplete status: [{string.Join(' ', incomplete)}]");

        var unready = pod.InitContainers.Where(c => c.Sidecar).Concat(pod.Containers).Where(c => !c.Ready).Select(c => c.Name).ToList();
        var (reason, message) = phase == "Succeeded"
            ? ("PodCompleted", (string?)null)
            : ("ContainersNotReady", $"containers with unready status: [{string.Join(' ', unready)}]");
        yield return Condition(pod, now, "Ready", unready.Count == 0 && phase != "Succeeded", reason, message);
        yield return Condition(pod, now, "ContainersReady", unready.Count == 0 && phase != "Succeeded", reason, message);
    }

    private static JsonObject Condition(PodRuntime pod, DateTimeOffset now, string type, bool ok, string? reason, string? message)
    {
        var status = ok ? "True" : "False";
        var index = Array.IndexOf(KubeletConditions, type);
        var last = pod.Conditions[index];
        if (last.Status != status)
        {
            last = pod.Conditions[index] = (status, now);
        }

        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = status,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = ObjectRegistry.TimeText(last.Since),
        };
        if (!ok && reason is not null)
        {
            condition["reason"] = reason;
            if (message is not null)
            {
                condition["message"] = message;
            }
        }

        return condition;
    }

    private static JsonObject ContainerStatus(ContainerRuntime container)
    {
        var id = container.ContainerId;
        var started = id is not null;
        var status = new JsonObject
        {
            ["name"] = container.Name,
            ["state"] = State(container),
            ["lastState"] = container.LastTerminated is { } last ? new JsonObject { ["terminated"] = Terminated(last) } : new JsonObject(),
            ["ready"] = container.Ready,
            ["restartCount"] = container.RestartCount,
            ["image"] = started ? ImageReference.Normalize(container.Image) : container.Image,
            ["imageID"] = started ? ImageReference.Id(container.Image) : "",
        };
        if (started)
        {
            status["containerID"] = id;
        }

        status["started"] = container.Step == ContainerStep.Running && container.Started;
        return status;
    }

    private static JsonObject State(ContainerRuntime container)
    {
        if (container.Step == ContainerStep.Running)
        {
            return new JsonObject { ["running"] = new JsonObject { ["startedAt"] = ObjectRegistry.TimeText(container.StartedAt!.Value) } };
        }

        if (container.Step == ContainerStep.Exited && container.Terminated is { } exit)
        {
            return new JsonObject { ["terminated"] = Terminated(exit) };
        }

        var waiting = new JsonObject { ["reason"] = container.WaitingReason ?? "ContainerCreating" };
        if (container.WaitingMessage is { } message)
        {
            waiting["message"] = message;
        }

        return new JsonObject { ["waiting"] = waiting };
    }

    private static JsonObject Terminated(ContainerExit exit) => new()
    {
        ["exitCode"] = exit.ExitCode,
        ["reason"] = exit.Reason,
        ["startedAt"] = ObjectRegistry.TimeText(exit.StartedAt),
        ["finishedAt"] = ObjectRegistry.TimeText(exit.FinishedAt),
        ["containerID"] = exit.ContainerId,
    };

    private static void Put(JsonObject status, string field, JsonNode? value)
    {
        if (value is not null)
        {
            status[field] = value;
        }
    }
}
