using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers;
using Keelson.Simulator.Kubelet;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Nodes;

/// <summary>
/// kube-controller-manager's pod garbage collector, for orphaned pods: a pod bound to a node that
/// no longer exists has no kubelet left to stop it, so once the node has been gone for
/// <c>timing.podGcQuarantine</c> (kube: 40 s) the pod is marked Failed with a DisruptionTarget
/// condition (<c>DeletionByPodGC</c>) and deleted at once, as kube does. Without it, the pods of a
/// deleted node would stay forever and keep counting for their owners.
/// </summary>
public sealed class PodGarbageCollector : Controller
{
    private const string Component = "pod-garbage-collector";

    private readonly TimerQueue<ObjectKey> _timers;

    /// <summary>Creates the collector of a cluster.</summary>
    public PodGarbageCollector(SimulationContext cluster)
        : base(cluster, Component)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _timers = new TimerQueue<ObjectKey>(cluster.Time);
        Watch(cluster.Kinds.Node, OnNode);
        Watch(cluster.Kinds.Pod, OnPod);
    }

    /// <inheritdoc />
    protected override Task RunTimersAsync(CancellationToken stop) => _timers.RunAsync(Queue.Add, stop);

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        var stored = Cluster.Store.Table(Cluster.Kinds.Pod).Get(key);
        var node = stored?.Field(Cluster.Kinds.Pod, "spec.nodeName");
        if (stored is null || string.IsNullOrEmpty(node) || NodeExists(node))
        {
            return;
        }

        var now = ObjectRegistry.TimeText(Cluster.Time.GetUtcNow());
        Cluster.Registry.Mutate(Cluster.Kinds.Pod, key.Namespace, key.Name, Component, pod =>
        {
            if (pod["metadata"]?["uid"]?.GetValue<string>() != stored.Uid)
            {
                return false;
            }

            var status = pod["status"] as JsonObject ?? [];
            pod["status"] = status;
            if (status["phase"]?.GetValue<string>() is "Succeeded" or "Failed")
            {
                return false;
            }

            status["phase"] = "Failed";
            var conditions = status["conditions"] as JsonArray ?? [];
            status["conditions"] = conditions;
            if (!conditions.OfType<JsonObject>().Any(c => c["type"]?.GetValue<string>() == "DisruptionTarget"))
            {
                conditions.Add(new JsonObject
                {
                    ["type"] = "DisruptionTarget",
                    ["status"] = "True",
                    ["lastProbeTime"] = null,
                    ["lastTransitionTime"] = now,
                    ["reason"] = "DeletionByPodGC",
                    ["message"] = "PodGC: node no longer exists",
                });
            }

            return true;
        });
        try
        {
            Cluster.Registry.Delete(Cluster.Kinds.Pod, key.Namespace, key.Name, new DeleteOptions { GracePeriodSeconds = 0, PreconditionUid = stored.Uid });
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Gone already, or replaced by another pod of the same name.
        }
    }

    private void OnNode(StoreEvent e)
    {
        if (e.Type != StoreEventType.Deleted)
        {
            return;
        }

        var due = Cluster.Time.GetUtcNow() + Cluster.Timing.PodGcQuarantine;
        foreach (var pod in Cluster.PodsByNode.On(e.Object.Key.Name))
        {
            _timers.Schedule(pod, due);
        }
    }

    private void OnPod(StoreEvent e)
    {
        var node = PodsByNode.NodeOf(Cluster.Kinds.Pod, e.Object);
        if (e.Type == StoreEventType.Deleted || node is null)
        {
            _timers.Cancel(e.Object.Key);
            return;
        }

        // Bound to a node that is not there (deleted, or never was): collected once the quarantine passed.
        if (!NodeExists(node))
        {
            _timers.Schedule(e.Object.Key, Cluster.Time.GetUtcNow() + Cluster.Timing.PodGcQuarantine);
        }
    }

    private bool NodeExists(string node) => Cluster.Store.Table(Cluster.Kinds.Node).Get(new ObjectKey("", node)) is not null;
}
