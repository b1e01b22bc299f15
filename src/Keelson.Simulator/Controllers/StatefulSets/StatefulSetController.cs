using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Controllers.History;
using Keelson.Simulator.Controllers.Pods;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.StatefulSets;

/// <summary>
/// kube-controller-manager's <c>statefulset-controller</c>: pods <c>NAME-ORDINAL</c> with stable
/// identity, created in order and removed in reverse (<c>OrderedReady</c>) or all at once
/// (<c>Parallel</c>), rolled to a new template highest ordinal first above the partition
/// (<c>RollingUpdate</c>) or when deleted (<c>OnDelete</c>), with ControllerRevisions as history.
/// <c>volumeClaimTemplates</c> give each pod its claim volumes, but no PersistentVolumeClaim is
/// created: the simulator serves no PVC resource.
/// </summary>
public sealed class StatefulSetController : Controller
{
    private readonly SelectorIndex _selectors = new();

    /// <summary>Creates the controller of one cluster.</summary>
    public StatefulSetController(SimulationContext cluster)
        : base(cluster, "statefulset-controller")
    {
        Pods = new PodFactsCache(cluster.Store.Strings);
        History = new RevisionHistory(cluster, Name);
        Watch(cluster.Kinds.StatefulSet, OnStatefulSet);
        Watch(cluster.Kinds.Pod, OnPod);
    }

    /// <summary>The pods of stateful sets, parsed.</summary>
    internal PodFactsCache Pods { get; }

    /// <summary>The sets' ControllerRevisions.</summary>
    internal RevisionHistory History { get; }

    /// <summary>The cluster (for the reconcile pass).</summary>
    internal SimulationContext Context => Cluster;

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        var stored = Cluster.Registry.Get(Cluster.Kinds.StatefulSet, key.Namespace, key.Name);
        if (stored is null)
        {
            return; // its pods and revisions go with the garbage collector
        }

        if (new StatefulSetPass(this, stored).Run() is { } recheck)
        {
            Queue.AddAfter(key, recheck);
        }
    }

    private void OnStatefulSet(StoreEvent e)
    {
        if (e.Type == StoreEventType.Deleted)
        {
            _selectors.Remove(e.Object.Key);
        }
        else
        {
            _selectors.Set(e.Object.Key, ObjectRegistry.Matcher(ObjectRegistry.Parse(e.Object)["spec"]?["selector"] as JsonObject));
        }

        Queue.Add(e.Object.Key);
    }

    private void OnPod(StoreEvent e)
    {
        foreach (var set in Pods.ObserveOwned(e, "StatefulSet", _selectors))
        {
            Queue.Add(set);
        }
    }
}
