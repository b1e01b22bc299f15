using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Controllers.DaemonSets;

/// <summary>A DaemonSet status as kube-apiserver writes it: Go's field order, zero values left out where Go omits them.</summary>
internal static class DaemonSetStatusJson
{
    public static JsonObject Of(DaemonSetStatus status)
    {
        var json = new JsonObject
        {
            ["currentNumberScheduled"] = status.CurrentNumberScheduled ?? 0,
            ["numberMisscheduled"] = status.NumberMisscheduled ?? 0,
            ["desiredNumberScheduled"] = status.DesiredNumberScheduled ?? 0,
            ["numberReady"] = status.NumberReady ?? 0,
        };
        if (status.ObservedGeneration is > 0)
        {
            json["observedGeneration"] = status.ObservedGeneration;
        }

        if (status.UpdatedNumberScheduled is > 0)
        {
            json["updatedNumberScheduled"] = status.UpdatedNumberScheduled;
        }

        if (status.NumberAvailable is > 0)
        {
            json["numberAvailable"] = status.NumberAvailable;
        }

        if (status.NumberUnavailable is > 0)
        {
            json["numberUnavailable"] = status.NumberUnavailable;
        }

        if (status.CollisionCount is { } collisions)
        {
            json["collisionCount"] = collisions;
        }

        if (status.Conditions is { Count: > 0 } conditions)
        {
            json["conditions"] = JsonSerializer.SerializeToNode(conditions, KubernetesJson.Options);
        }

        return json;
    }
}
