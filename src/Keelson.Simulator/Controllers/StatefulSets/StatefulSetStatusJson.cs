using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Controllers.StatefulSets;

/// <summary>A StatefulSet status as kube-apiserver writes it: its fields in Go's order, zero counts left out where Go omits them.</summary>
internal static class StatefulSetStatusJson
{
    public static JsonObject Of(StatefulSetStatus status)
    {
        var json = new JsonObject
        {
            ["observedGeneration"] = status.ObservedGeneration ?? 0,
            ["replicas"] = status.Replicas ?? 0,
        };
        AddCount(json, "readyReplicas", status.ReadyReplicas);
        AddCount(json, "currentReplicas", status.CurrentReplicas);
        AddCount(json, "updatedReplicas", status.UpdatedReplicas);
        if (!string.IsNullOrEmpty(status.CurrentRevision))
        {
            json["currentRevision"] = status.CurrentRevision;
        }

        if (!string.IsNullOrEmpty(status.UpdateRevision))
        {
            json["updateRevision"] = status.UpdateRevision;
        }

        json["collisionCount"] = status.CollisionCount ?? 0;
        if (status.Conditions is { Count: > 0 } conditions)
        {
            json["conditions"] = JsonSerializer.SerializeToNode(conditions, KubernetesJson.Options);
        }

        json["availableReplicas"] = status.AvailableReplicas ?? 0;
        return json;
    }

    private static void AddCount(JsonObject json, string name, int? value)
    {
        if (value is > 0)
        {
            json[name] = value;
        }
    }
}
