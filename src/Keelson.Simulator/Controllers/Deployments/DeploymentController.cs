using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Selectors;
using Keelson.Simulator.Controllers.ReplicaSets;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.Deployments;

/// <summary>
/// kube-controller-manager's deployment controller: rolls deployments out through replica
/// sets named after their pod template hash (see <see cref="DeploymentSync"/> for one pass).
/// It keeps an index of replica sets by controlling deployment and of orphans by namespace,
/// so a pass reads only the replica sets it may own.
/// </summary>
internal sealed class DeploymentController : Controller
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, ReplicaSetOwner> _replicaSets = [];
    private readonly Dictionary<string, HashSet<ObjectKey>> _byOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<ObjectKey>> _orphansByNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, LabelMatcher> _selectors = [];

    /// <summary>Creates the controller of one cluster.</summary>
    public DeploymentController(SimulationContext cluster)
        : base(cluster, "deployment-controller")
    {
        Watch(cluster.Kinds.Deployment, OnDeployment);
        Watch(cluster.Kinds.ReplicaSet, OnReplicaSet);
        Watch(cluster.Kinds.Pod, OnPod);
    }

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        var stored = Cluster.Store.Table(Cluster.Kinds.Deployment).Get(key);
        if (stored is null)
        {
            return; // its replica sets are the garbage collector's now
        }

        List<ObjectKey> keys;
        lock (_lock)
        {
            keys = [.. _byOwner.GetValueOrDefault(stored.Uid) ?? [], .. _orphansByNamespace.GetValueOrDefault(key.Namespace) ?? []];
        }

        var table = Cluster.Store.Table(Cluster.Kinds.ReplicaSet);
        var candidates = keys.Select(table.Get).OfType<StoredObject>().Select(rs => (TypedObjects.Read<ReplicaSet>(rs), rs)).ToList();
        new DeploymentSync(Cluster, Name, Queue, stored).Run(candidates);
    }

    private void OnDeployment(StoreEvent e)
    {
        lock (_lock)
        {
            if (e.Type == StoreEventType.Deleted)
            {
                _selectors.Remove(e.Object.Key);
            }
            else
            {
                _selectors[e.Object.Key] = ReplicaSetController.SelectorOf(WatchedObjects.Read<Deployment>(e.Object)?.Spec?.Selector);
            }
        }

        Queue.Add(e.Object.Key);
    }

    private void OnReplicaSet(StoreEvent e)
    {
        var key = e.Object.Key;
        ReplicaSetOwner? before, after = null;
        if (e.Type != StoreEventType.Deleted)
        {
            var owner = WatchedObjects.Read<ReplicaSet>(e.Object)?.Metadata.OwnerReferences?.Find(o => o.Controller == true);
            after = new ReplicaSetOwner(owner?.Kind == "Deployment" ? owner.Uid : null, owner?.Kind == "Deployment" ? owner.Name : null, owner is not null);
        }

        List<ObjectKey> adopters = [];
        lock (_lock)
        {
            before = _replicaSets.GetValueOrDefault(key);
            if (before is not null)
            {
                Unindex(key, before);
            }

            if (after is not null)
            {
                _replicaSets[key] = after;
                Index(key, after);
                if (!after.HasController)
                {
                    adopters = [.. _selectors.Where(s => s.Key.Namespace == key.Namespace && s.Value.Matches(e.Object.Labels)).Select(s => s.Key)];
                }
            }
            else
            {
                _replicaSets.Remove(key);
            }
        }

        foreach (var owner in new[] { before, after })
        {
            if (owner?.DeploymentName is { } name)
            {
                Queue.Add(new ObjectKey(key.Namespace, name));
            }
        }

        foreach (var adopter in adopters)
        {
            Queue.Add(adopter);
        }
    }

    /// <summary>A pod gone for good may be what a Recreate rollout waits for.</summary>
    private void OnPod(StoreEvent e)
    {
        if (e.Type != StoreEventType.Deleted)
        {
            return;
        }

        var pod = PodSummary.From(e.Object, Cluster.Store.Strings);
        if (pod is not { ControllerKind: "ReplicaSet", ControllerName: { } rsName })
        {
            return;
        }

        string? deployment;
        lock (_lock)
        {
            deployment = _replicaSets.GetValueOrDefault(new ObjectKey(pod.Key.Namespace, rsName))?.DeploymentName;
        }

        if (deployment is not null)
        {
            Queue.Add(new ObjectKey(pod.Key.Namespace, deployment));
        }
    }

    private void Index(ObjectKey key, ReplicaSetOwner owner)
    {
        var (index, bucket) = owner.DeploymentUid is { } uid ? (_byOwner, uid) : (_orphansByNamespace, key.Namespace);
        if (owner.DeploymentUid is null && owner.HasController)
        {
            return; // controlled by something else: never a candidate
        }

        if (!index.TryGetValue(bucket, out var keys))
        {
            index[bucket] = keys = [];
        }

        keys.Add(key);
    }

    private void Unindex(ObjectKey key, ReplicaSetOwner owner)
    {
        var (index, bucket) = owner.DeploymentUid is { } uid ? (_byOwner, uid) : (_orphansByNamespace, key.Namespace);
        if (index.TryGetValue(bucket, out var keys) && keys.Remove(key) && keys.Count == 0)
        {
            index.Remove(bucket);
        }
    }

    /// <summary>Who controls a replica set.</summary>
    /// <param name="DeploymentUid">The controlling deployment's uid, if a deployment controls it.</param>
    /// <param name="DeploymentName">That deployment's name.</param>
    /// <param name="HasController">Whether anything controls it.</param>
    private sealed record ReplicaSetOwner(string? DeploymentUid, string? DeploymentName, bool HasController);
}
