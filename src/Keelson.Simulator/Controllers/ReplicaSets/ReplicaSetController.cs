using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Resources;
using Keelson.Kubernetes.Selectors;
using Keelson.Simulator.Api;
using Keelson.Simulator.Controllers.GarbageCollection;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.ReplicaSets;

/// <summary>
/// kube-controller-manager's replicaset controller: keeps <c>spec.replicas</c> pods of each
/// replica set, created from its template in slow-start batches and deleted in kube's order
/// of preference; adopts orphans its selector matches and releases pods it no longer
/// matches; reports replicas, fully labeled, ready and available pods, and a
/// <c>ReplicaFailure</c> condition while pods cannot be created or deleted.
/// </summary>
internal sealed class ReplicaSetController : Controller
{
    /// <summary>Most pods created or deleted in one pass (kube's <c>BurstReplicas</c>).</summary>
    private const int BurstReplicas = 500;

    private readonly PodCache _pods;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, ReplicaSetFacts>> _replicaSets = new(StringComparer.Ordinal);

    /// <summary>Creates the controller of one cluster.</summary>
    public ReplicaSetController(SimulationContext cluster)
        : base(cluster, "replicaset-controller")
    {
        _pods = new PodCache("ReplicaSet", cluster.Store.Strings);
        Watch(cluster.Kinds.ReplicaSet, OnReplicaSet);
        Watch(cluster.Kinds.Pod, OnPod);
    }

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        var stored = Cluster.Store.Table(Cluster.Kinds.ReplicaSet).Get(key);
        if (stored is null)
        {
            return; // its pods are the garbage collector's now
        }

        var rs = TypedObjects.Read<ReplicaSet>(stored);
        var pods = Claim(stored, rs, SelectorOf(rs.Spec?.Selector));
        var active = pods.Where(p => p.Active).ToList();
        var failure = stored.Terminating ? null : Manage(stored, rs, active);
        UpdateStatus(stored, rs, active, failure);
        if (failure is not null)
        {
            throw failure; // retried with back-off, as kube requeues a failed sync
        }
    }

    /// <summary>The pods this replica set controls now: its own that still match, plus orphans it adopts.</summary>
    private List<PodSummary> Claim(StoredObject stored, ReplicaSet rs, LabelMatcher selector)
    {
        var claimed = new List<PodSummary>();
        foreach (var pod in _pods.ControlledBy(stored.Uid))
        {
            if (selector.Matches(pod.Labels))
            {
                claimed.Add(pod);
            }
            else if (!pod.Terminating && !stored.Terminating &&
                     OwnerReferences.Remove(Cluster.Registry, Cluster.Kinds.Pod, pod.Key, pod.Uid, [stored.Uid], Name) is { } released)
            {
                _pods.Record(released, removed: false);
            }
        }

        if (stored.Terminating)
        {
            return claimed;
        }

        var owner = PodTemplates.ControllerReference(rs, "apps/v1", "ReplicaSet");
        foreach (var orphan in _pods.Orphans(stored.Key.Namespace))
        {
            if (!orphan.Terminating && selector.Matches(orphan.Labels) &&
                OwnerReferences.Adopt(Cluster.Registry, Cluster.Kinds.Pod, orphan.Key, orphan.Uid, owner, Name) is { } adopted &&
                _pods.Record(adopted, removed: false) is { } summary)
            {
                claimed.Add(summary);
            }
        }

        return claimed;
    }

    /// <summary>Creates or deletes pods towards <c>spec.replicas</c>; returns the first refusal.</summary>
    private ApiException? Manage(StoredObject stored, ReplicaSet rs, List<PodSummary> active)
    {
        var diff = active.Count - (rs.Spec?.Replicas ?? 1);
        if (diff < 0 && rs.Spec?.Template is { } template)
        {
            var owner = PodTemplates.ControllerReference(rs, "apps/v1", "ReplicaSet");
            return SlowStart.Run(Math.Min(-diff, BurstReplicas), _ => CreatePod(stored, template, owner)).Error;
        }

        if (diff > 0)
        {
            ApiException? failure = null;
            foreach (var pod in ToDelete(stored, active, Math.Min(diff, BurstReplicas)))
            {
                failure ??= DeletePod(stored, pod);
            }

            return failure;
        }

        return null;
    }

    private ApiException? CreatePod(StoredObject rs, PodTemplateSpec template, OwnerReference owner)
    {
        var pod = PodTemplates.NewPod(template, rs.Key.Namespace, rs.Key.Name + "-", owner);
        try
        {
            var created = Cluster.Registry.Create(Cluster.Kinds.Pod, rs.Key.Namespace, TypedObjects.ToJson(pod), WriteContext.For(Name));
            _pods.Record(created, removed: false);
            Cluster.Events.Record(Involved(rs), "Normal", "SuccessfulCreate", $"Created pod: {created.Key.Name}", Name);
            return null;
        }
        catch (ApiException e)
        {
            if (NamespaceTerminating(rs.Key.Namespace))
            {
                return null; // as kube: every creation would fail, and the namespace controller cleans up
            }

            Cluster.Events.Record(Involved(rs), "Warning", "FailedCreate", $"Error creating: {e.Message}", Name);
            return e;
        }
    }

    private ApiException? DeletePod(StoredObject rs, PodSummary pod)
    {
        try
        {
            var outcome = Cluster.Registry.Delete(Cluster.Kinds.Pod, pod.Key.Namespace, pod.Key.Name, new Registry.DeleteOptions());
            _pods.Record(outcome.Object, outcome.Removed);
            Cluster.Events.Record(Involved(rs), "Normal", "SuccessfulDelete", $"Deleted pod: {pod.Key.Name}", Name);
            return null;
        }
        catch (ApiException e) when (e.Code == 404)
        {
            return null;
        }
        catch (ApiException e)
        {
            Cluster.Events.Record(Involved(rs), "Warning", "FailedDelete", $"Error deleting: {e.Message}", Name);
            return e;
        }
    }

    /// <summary>The <paramref name="count"/> pods kube would delete first.</summary>
    private List<PodSummary> ToDelete(StoredObject rs, List<PodSummary> active, int count)
    {
        if (count >= active.Count)
        {
            return active;
        }

        // Related pods are those of every replica set with the same owner (a deployment's old and new ones).
        var podsOnNode = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pod in RelatedReplicaSets(rs).SelectMany(_pods.ControlledBy).Where(p => p.Active))
        {
            podsOnNode[pod.NodeName] = podsOnNode.GetValueOrDefault(pod.NodeName) + 1;
        }

        var ranked = active.ToList();
        ranked.Sort(new PodDeletionOrder(podsOnNode, Cluster.Time.GetUtcNow()));
        return ranked.GetRange(0, count);
    }

    private List<string> RelatedReplicaSets(StoredObject rs)
    {
        lock (_lock)
        {
            var inNamespace = _replicaSets.GetValueOrDefault(rs.Key.Namespace);
            var owner = inNamespace?.GetValueOrDefault(rs.Key.Name)?.OwnerUid;
            return owner is null || inNamespace is null
                ? [rs.Uid]
                : [.. inNamespace.Values.Where(f => f.OwnerUid == owner).Select(f => f.Uid)];
        }
    }

    private void UpdateStatus(StoredObject stored, ReplicaSet rs, List<PodSummary> active, ApiException? failure)
    {
        var now = ApiTime.Now(Cluster.Time);
        var minReadySeconds = rs.Spec?.MinReadySeconds ?? 0;
        var templateLabels = rs.Spec?.Template?.Metadata?.Labels;
        int fullyLabeled = 0, ready = 0, available = 0;
        TimeSpan? nextAvailable = null;
        foreach (var pod in active)
        {
            if (templateLabels is null || templateLabels.All(l => pod.Labels?.GetValueOrDefault(l.Key) == l.Value))
            {
                fullyLabeled++;
            }

            if (!pod.Ready)
            {
                continue;
            }

            ready++;
            if (pod.AvailableAt(minReadySeconds, Cluster.Time.GetUtcNow()))
            {
                available++;
            }
            else if (pod.ReadySince is { } since)
            {
                var wait = since.AddSeconds(minReadySeconds) - Cluster.Time.GetUtcNow();
                nextAvailable = nextAvailable is null || wait < nextAvailable ? wait : nextAvailable;
            }
        }

        var conditions = (rs.Status?.Conditions ?? []).ToList();
        var failureCondition = conditions.Find(c => c.Type == "ReplicaFailure");
        if (failure is not null && failureCondition is null)
        {
            conditions.Add(new ReplicaSetCondition
            {
                Type = "ReplicaFailure",
                Status = "True",
                LastTransitionTime = now,
                Reason = active.Count < (rs.Spec?.Replicas ?? 1) ? "FailedCreate" : "FailedDelete",
                Message = failure.Message,
            });
        }
        else if (failure is null && failureCondition is not null)
        {
            conditions.Remove(failureCondition);
        }

        var status = new ReplicaSetStatus
        {
            Replicas = active.Count,
            FullyLabeledReplicas = fullyLabeled == 0 ? null : fullyLabeled,
            ReadyReplicas = ready == 0 ? null : ready,
            AvailableReplicas = available == 0 ? null : available,
            ObservedGeneration = rs.Metadata.Generation,
            Conditions = conditions.Count == 0 ? null : conditions,
        };
        var statusJson = KubernetesJson.Serialize(status);
        Cluster.Registry.Mutate<ReplicaSet>(Cluster.Kinds.ReplicaSet, stored.Key.Namespace, stored.Key.Name, Name, current =>
        {
            if (current.Metadata.Uid != stored.Uid || KubernetesJson.Serialize(current.Status ?? new ReplicaSetStatus()) == statusJson)
            {
                return false;
            }

            current.Status = status;
            return true;
        });

        if (nextAvailable is { } delay)
        {
            // Nothing else happens when a ready pod has waited out minReadySeconds: look again then.
            Queue.AddAfter(stored.Key, delay + TimeSpan.FromMilliseconds(1));
        }
    }

    private void OnReplicaSet(StoreEvent e)
    {
        var key = e.Object.Key;
        ReplicaSetFacts? facts = null;
        if (e.Type != StoreEventType.Deleted)
        {
            var rs = WatchedObjects.Read<ReplicaSet>(e.Object);
            var owner = rs?.Metadata.OwnerReferences?.Find(o => o.Controller == true)?.Uid;
            facts = new ReplicaSetFacts(e.Object.Uid, SelectorOf(rs?.Spec?.Selector), owner);
        }

        lock (_lock)
        {
            if (!_replicaSets.TryGetValue(key.Namespace, out var inNamespace))
            {
                _replicaSets[key.Namespace] = inNamespace = new Dictionary<string, ReplicaSetFacts>(StringComparer.Ordinal);
            }

            if (facts is null)
            {
                inNamespace.Remove(key.Name);
            }
            else
            {
                inNamespace[key.Name] = facts;
            }
        }

        Queue.Add(key);
    }

    private void OnPod(StoreEvent e)
    {
        var (before, after) = _pods.Apply(e);
        EnqueueController(after);
        if (before?.ControllerUid != after?.ControllerUid)
        {
            EnqueueController(before);
        }

        if (after is { ControllerUid: null, Terminating: false })
        {
            // An orphan: every replica set that would adopt it looks at it.
            List<string> matching;
            lock (_lock)
            {
                matching = _replicaSets.TryGetValue(after.Key.Namespace, out var inNamespace)
                    ? [.. inNamespace.Where(r => r.Value.Selector.Matches(after.Labels)).Select(r => r.Key)]
                    : [];
            }

            foreach (var name in matching)
            {
                Queue.Add(new ObjectKey(after.Key.Namespace, name));
            }
        }
    }

    private void EnqueueController(PodSummary? pod)
    {
        if (pod is { ControllerKind: "ReplicaSet", ControllerName: { } name })
        {
            Queue.Add(new ObjectKey(pod.Key.Namespace, name));
        }
    }

    private bool NamespaceTerminating(string @namespace) =>
        Cluster.Store.Table(Cluster.Kinds.Namespace).Get(new ObjectKey("", @namespace))?.Terminating == true;

    private static InvolvedObject Involved(StoredObject rs) => new("ReplicaSet", "apps/v1", rs.Key.Namespace, rs.Key.Name, rs.Uid);

    /// <summary>The matcher of a selector; a missing or malformed one matches nothing (validation reports it).</summary>
    internal static LabelMatcher SelectorOf(LabelSelector? selector)
    {
        if (selector is null)
        {
            return LabelMatcher.Nothing;
        }

        try
        {
            return LabelMatcher.FromSelector(selector);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return LabelMatcher.Nothing;
        }
    }

    /// <summary>What the controller remembers of a replica set between passes.</summary>
    /// <param name="Uid">Its uid.</param>
    /// <param name="Selector">Its pod selector.</param>
    /// <param name="OwnerUid">The uid of its controller (a deployment), if any.</param>
    private sealed record ReplicaSetFacts(string Uid, LabelMatcher Selector, string? OwnerUid);
}
