using System.Text.Json.Nodes;
using Keelson.Simulator.Tables;

namespace Keelson.Simulator.Defaults;

/// <summary>
/// Pods: <c>SetDefaults_Pod</c> and the pod spec defaults on every write; on create also what the pod strategy
/// and the default admission plugins add (status, service account, priority, not-ready/unreachable tolerations).
/// </summary>
internal sealed class PodDefaulter : IKindDefaulter
{
    // The priorities of the two built-in PriorityClasses; any other class name is left for admission to resolve.
    private static readonly Dictionary<string, int> SystemPriorities = new(StringComparer.Ordinal)
    {
        ["system-node-critical"] = 2000001000,
        ["system-cluster-critical"] = 2000000000,
    };

    public void Apply(JsonObject obj, DefaultingOperation operation)
    {
        var spec = obj.GetOrAddObject("spec");
        foreach (var list in (string[])["containers", "initContainers"])
        {
            foreach (var container in spec.GetArray(list).Objects())
            {
                DefaultRequestsToLimits(container);
            }
        }

        spec.DefaultPointer("enableServiceLinks", true);
        if (spec.GetBoolean("hostNetwork") == true)
        {
            foreach (var list in (string[])["containers", "initContainers"])
            {
                foreach (var port in spec.GetArray(list).Objects().SelectMany(c => c.GetArray("ports").Objects()))
                {
                    if ((port.GetInt64("hostPort") ?? 0) == 0 && port.GetInt64("containerPort") is { } containerPort)
                    {
                        port["hostPort"] = containerPort;
                    }
                }
            }
        }

        PodSpecDefaults.Apply(spec);
        if (operation == DefaultingOperation.Create)
        {
            ApplyAdmission(spec);
            obj["status"] = CreatedStatus(spec);
        }
    }

    // With limits but no requests, a container requests what it is limited to.
    private static void DefaultRequestsToLimits(JsonObject container)
    {
        if (container.GetObject("resources").GetObject("limits") is not { } limits)
        {
            return;
        }

        var requests = container.GetObject("resources")!.GetOrAddObject("requests");
        foreach (var (name, value) in limits)
        {
            if (!requests.ContainsKey(name))
            {
                requests[name] = value?.DeepClone();
            }
        }
    }

    // ServiceAccount, Priority and DefaultTolerationSeconds admission, which every cluster runs.
    private static void ApplyAdmission(JsonObject spec)
    {
        if (spec.GetStringOrEmpty("serviceAccountName").Length == 0)
        {
            spec["serviceAccountName"] = "default";
            spec["serviceAccount"] = "default";
        }

        var className = spec.GetStringOrEmpty("priorityClassName");
        if (className.Length == 0 || SystemPriorities.ContainsKey(className))
        {
            spec.DefaultPointer("priority", className.Length == 0 ? 0 : SystemPriorities[className]);
            spec.DefaultPointer("preemptionPolicy", "PreemptLowerPriority");
        }

        if (spec["tolerations"] is not JsonArray tolerations)
        {
            tolerations = [];
            spec["tolerations"] = tolerations;
        }

        foreach (var key in (string[])["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"])
        {
            var tolerated = tolerations.Objects().Any(t =>
                t.GetStringOrEmpty("key") is var k && (k == key || k.Length == 0)
                && t.GetStringOrEmpty("effect") is "NoExecute" or "");
            if (!tolerated)
            {
                tolerations.Add(new JsonObject
                {
                    ["key"] = key,
                    ["operator"] = "Exists",
                    ["effect"] = "NoExecute",
                    ["tolerationSeconds"] = 300,
                });
            }
        }
    }

    // The pod strategy replaces whatever status a client sent with Pending and the computed QoS class.
    private static JsonObject CreatedStatus(JsonObject spec)
    {
        var status = new JsonObject { ["phase"] = "Pending" };
        if (spec.GetArray("schedulingGates")?.Count > 0)
        {
            status["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "PodScheduled",
                ["status"] = "False",
                ["lastProbeTime"] = null,
                ["lastTransitionTime"] = null,
                ["reason"] = "SchedulingGated",
                ["message"] = "Scheduling is blocked due to non-empty scheduling gates",
            });
        }

        status["qosClass"] = PodQosClass.Compute(spec);
        return status;
    }
}
