using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Api;
using Keelson.Simulator.Registry;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.GarbageCollection;

/// <summary>
/// kube-controller-manager's garbage collector. It keeps a graph of every object that has
/// owner references, indexed by owner uid, and
/// <list type="bullet">
/// <item>deletes dependents whose owners are all gone (background deletion);</item>
/// <item>for an owner deleted in the foreground (<c>foregroundDeletion</c> finalizer), deletes its
/// dependents and removes the finalizer once none with <c>blockOwnerDeletion</c> is left;</item>
/// <item>for an owner deleted with <c>orphan</c>, removes the owner's references from its dependents, then the finalizer.</item>
/// </list>
/// Queue keys carry an object's uid as name (the graph is keyed by uid, as kube's is).
/// Owners are checked against storage, which in the simulator is never stale.
/// </summary>
internal sealed class GarbageCollector : Controller
{
    private const string Foreground = "foregroundDeletion";
    private const string Orphan = "orphan";
    private static readonly byte[] ForegroundMarker = "\"foregroundDeletion\""u8.ToArray();
    private static readonly byte[] OrphanMarker = "\"orphan\""u8.ToArray();

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dependent> _dependents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (ResourceKind Kind, ObjectKey Key)> _deletingOwners = new(StringComparer.Ordinal);

    /// <summary>Creates the garbage collector of one cluster.</summary>
    public GarbageCollector(SimulationContext cluster)
        : base(cluster, "garbage-collector")
    {
        foreach (var kind in cluster.Store.Catalog.Kinds.Where(k => !k.ReadOnly))
        {
            Watch(kind, e => OnEvent(kind, e));
        }
    }

    /// <inheritdoc />
    protected override void Reconcile(ObjectKey key)
    {
        var uid = key.Name;
        Dependent? dependent;
        (ResourceKind Kind, ObjectKey Key)? deleting;
        lock (_lock)
        {
            dependent = _dependents.GetValueOrDefault(uid);
            deleting = _deletingOwners.TryGetValue(uid, out var d) ? d : null;
        }

        if (deleting is { } owner)
        {
            ProcessDeletingOwner(uid, owner.Kind, owner.Key);
        }

        if (dependent is not null)
        {
            AttemptToDelete(uid, dependent);
        }
    }

    /// <summary>Finishes an owner's foreground or orphan deletion as far as its dependents allow.</summary>
    private void ProcessDeletingOwner(string uid, ResourceKind kind, ObjectKey key)
    {
        var stored = Cluster.Store.Table(kind).Get(key);
        var finalizers = stored is { Terminating: true } && stored.Uid == uid ? Finalizers(stored.Json) : [];
        if (!finalizers.Contains(Orphan) && !finalizers.Contains(Foreground))
        {
            lock (_lock)
            {
                _deletingOwners.Remove(uid);
            }

            return;
        }

        var dependents = DependentsOf(uid);
        if (finalizers.Contains(Orphan))
        {
            foreach (var (dependentUid, dependent) in dependents)
            {
                OwnerReferences.Remove(Cluster.Registry, dependent.Kind, dependent.Key, dependentUid, [uid], Name);
            }

            RemoveFinalizer(kind, key, uid, Orphan);
            return;
        }

        foreach (var (dependentUid, _) in dependents)
        {
            Queue.Add(Uid(dependentUid));
        }

        var blocked = dependents.Any(d => d.Dependent.Owners.Any(o => o.Uid == uid && o.BlockOwnerDeletion) &&
                                          Cluster.Store.Table(d.Dependent.Kind).Get(d.Dependent.Key)?.Uid == d.Uid);
        if (!blocked)
        {
            RemoveFinalizer(kind, key, uid, Foreground);
        }
    }

    /// <summary>Deletes a dependent whose owners are gone, or drops references to owners that went away while others remain.</summary>
    private void AttemptToDelete(string uid, Dependent dependent)
    {
        var stored = Cluster.Store.Table(dependent.Kind).Get(dependent.Key);
        if (stored is null || stored.Uid != uid)
        {
            return;
        }

        if (stored.Terminating)
        {
            return; // being deleted already (a foreground deletion of its own is the owner path's work)
        }

        List<string> solid = [], dangling = [], waiting = [];
        foreach (var owner in OwnerLink.Read(stored.Json, Cluster.Store.Strings))
        {
            switch (StateOf(owner, dependent))
            {
                case OwnerState.Solid:
                    solid.Add(owner.Uid);
                    break;
                case OwnerState.Dangling:
                    dangling.Add(owner.Uid);
                    break;
                default:
                    waiting.Add(owner.Uid);
                    break;
            }
        }

        if (solid.Count > 0)
        {
            if (dangling.Count > 0 || waiting.Count > 0)
            {
                // Owners waiting on their dependents would wait on this one forever: it has other owners.
                OwnerReferences.Remove(Cluster.Registry, dependent.Kind, dependent.Key, uid, [.. dangling, .. waiting], Name);
            }

            return;
        }

        var finalizers = Finalizers(stored.Json);
        var policy = waiting.Count > 0 && DependentsOf(uid).Count > 0 ? "Foreground"
            : finalizers.Contains(Orphan) ? "Orphan"
            : finalizers.Contains(Foreground) ? "Foreground"
            : "Background";
        try
        {
            Cluster.Registry.Delete(dependent.Kind, dependent.Key.Namespace, dependent.Key.Name, new Registry.DeleteOptions { PropagationPolicy = policy, PreconditionUid = uid });
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            // Gone or replaced meanwhile: nothing of this object is left to collect.
        }
    }

    private OwnerState StateOf(OwnerLink owner, Dependent dependent)
    {
        var kind = Cluster.Store.Catalog.ByKind(owner.ApiVersion, owner.Kind);
        if (kind is null)
        {
            return OwnerState.Solid; // a kind the simulator does not serve is never taken for gone
        }

        var ns = kind.Resource.Namespaced ? dependent.Key.Namespace : "";
        var stored = Cluster.Store.Table(kind).Get(new ObjectKey(ns, owner.Name));
        if (stored is null || stored.Uid != owner.Uid)
        {
            return OwnerState.Dangling;
        }

        return stored.Terminating && Finalizers(stored.Json).Contains(Foreground) ? OwnerState.WaitingForDependents : OwnerState.Solid;
    }

    private void RemoveFinalizer(ResourceKind kind, ObjectKey key, string uid, string finalizer) =>
        Cluster.Registry.Mutate(kind, key.Namespace, key.Name, Name, obj =>
        {
            var metadata = ObjectRegistry.Metadata(obj);
            if (metadata["uid"]?.GetValue<string>() != uid || metadata["finalizers"] is not JsonArray finalizers ||
                finalizers.FirstOrDefault(f => f?.GetValue<string>() == finalizer) is not { } entry)
            {
                return false;
            }

            finalizers.Remove(entry);
            if (finalizers.Count == 0)
            {
                metadata.Remove("finalizers");
            }

            return true;
        });

    private List<(string Uid, Dependent Dependent)> DependentsOf(string ownerUid)
    {
        lock (_lock)
        {
            return _byOwner.TryGetValue(ownerUid, out var uids)
                ? [.. uids.Select(u => (u, _dependents[u]))]
                : [];
        }
    }

    private void OnEvent(ResourceKind kind, StoreEvent e)
    {
        var obj = e.Object;
        var owners = e.Type == StoreEventType.Deleted || !OwnerLink.MayHaveOwners(obj.Json) ? [] : OwnerLink.Read(obj.Json, Cluster.Store.Strings);
        var deletingOwner = e.Type != StoreEventType.Deleted && obj.Terminating &&
                            (obj.Json.AsSpan().IndexOf(ForegroundMarker) >= 0 || obj.Json.AsSpan().IndexOf(OrphanMarker) >= 0);
        List<string> wake = [];
        Dependent? check = null;
        lock (_lock)
        {
            var before = _dependents.GetValueOrDefault(obj.Uid);
            if (before is not null)
            {
                Unlink(obj.Uid, before);
                // Owners finishing a foreground or orphan deletion look again: this dependent changed or left.
                wake.AddRange(before.Owners.Select(o => o.Uid).Where(_deletingOwners.ContainsKey));
            }

            if (owners.Count > 0)
            {
                var dependent = new Dependent(kind, obj.Key, Shared(owners, before));
                _dependents[obj.Uid] = dependent;
                Link(obj.Uid, dependent);
                check = before is null || !before.Owners.SequenceEqual(owners) ? dependent : null;
            }

            if (e.Type == StoreEventType.Deleted)
            {
                _deletingOwners.Remove(obj.Uid);
                if (_byOwner.TryGetValue(obj.Uid, out var orphaned))
                {
                    wake.AddRange(orphaned); // their owner is gone
                }
            }
            else if (deletingOwner)
            {
                _deletingOwners[obj.Uid] = (kind, obj.Key);
                wake.Add(obj.Uid);
            }
        }

        // New owner references matter only if an owner is already gone or going: the owner's own
        // deletion wakes its dependents later (they are linked above), so most objects cost no pass.
        if (check is not null && !obj.Terminating && check.Owners.Any(o => StateOf(o, check) != OwnerState.Solid))
        {
            wake.Add(obj.Uid);
        }

        foreach (var uid in wake)
        {
            Queue.Add(Uid(uid));
        }
    }

    /// <summary>
    /// Equal owner references held once: most writes keep an object's owners, and the hundred pods
    /// of a ReplicaSet have the same one (at 100,000 pods a list of its own each was 12 MB).
    /// Takes the previous version's list, else a sibling's (a dependent of the same first owner), else <paramref name="owners"/>.
    /// </summary>
    private IReadOnlyList<OwnerLink> Shared(IReadOnlyList<OwnerLink> owners, Dependent? before)
    {
        if (before is not null && before.Owners.SequenceEqual(owners))
        {
            return before.Owners;
        }

        if (_byOwner.TryGetValue(owners[0].Uid, out var siblings) && siblings.Count > 0 &&
            _dependents.TryGetValue(siblings.First(), out var sibling) && sibling.Owners.SequenceEqual(owners))
        {
            return sibling.Owners;
        }

        return owners;
    }

    private void Link(string uid, Dependent dependent)
    {
        foreach (var owner in dependent.Owners)
        {
            if (!_byOwner.TryGetValue(owner.Uid, out var uids))
            {
                _byOwner[owner.Uid] = uids = new HashSet<string>(StringComparer.Ordinal);
            }

            uids.Add(uid);
        }
    }

    private void Unlink(string uid, Dependent dependent)
    {
        _dependents.Remove(uid);
        foreach (var owner in dependent.Owners)
        {
            if (_byOwner.TryGetValue(owner.Uid, out var uids) && uids.Remove(uid) && uids.Count == 0)
            {
                _byOwner.Remove(owner.Uid);
            }
        }
    }

    private static HashSet<string> Finalizers(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (document.RootElement.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object &&
            metadata.TryGetProperty("finalizers", out var finalizers) && finalizers.ValueKind == JsonValueKind.Array)
        {
            foreach (var finalizer in finalizers.EnumerateArray().Where(f => f.ValueKind == JsonValueKind.String))
            {
                result.Add(finalizer.GetString()!);
            }
        }

        return result;
    }

    private static ObjectKey Uid(string uid) => new("", uid);

    /// <summary>An object with owner references, as the graph knows it.</summary>
    /// <param name="Kind">Its resource.</param>
    /// <param name="Key">Its namespace and name.</param>
    /// <param name="Owners">Its owner references.</param>
    private sealed record Dependent(ResourceKind Kind, ObjectKey Key, IReadOnlyList<OwnerLink> Owners);

    private enum OwnerState
    {
        Solid,
        Dangling,
        WaitingForDependents,
    }
}
