using Keelson.Kubernetes.Informers;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.ReplicaSets;

/// <summary>
/// A controller's view of the pods of its cluster, fed by its pod watch and indexed the way
/// it asks: by controller uid, and orphans by namespace. A controller also records its own
/// writes here at once (what kube's expectations are for): a reconcile that runs before the
/// watch delivers a pod it just created must not create it again. A write is only applied
/// when it is newer than what is known, so a late watch event never turns the view back.
/// </summary>
/// <param name="controllerKind">The kind of controller whose pods are kept (with the orphans it may adopt); other pods are not cached.</param>
/// <param name="strings">The cluster's shared strings.</param>
internal sealed class PodCache(string controllerKind, StringPool strings)
{
    private static readonly byte[] ControllerMarker = "\"controller\":true"u8.ToArray();
    private readonly byte[] _kindMarker = System.Text.Encoding.UTF8.GetBytes($"\"kind\":\"{controllerKind}\"");

    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, PodSummary> _pods = [];
    private readonly Dictionary<string, HashSet<ObjectKey>> _byController = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<ObjectKey>> _orphansByNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectKey, long> _removedAt = [];

    /// <summary>Applies a watch event; returns the summaries before and after (null when absent).</summary>
    public (PodSummary? Before, PodSummary? After) Apply(StoreEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Type == StoreEventType.Deleted ? Remove(e.Object, observed: true) : Put(e.Object);
    }

    /// <summary>Records the outcome of the controller's own write; returns the pod's summary now (null when removed).</summary>
    public PodSummary? Record(StoredObject pod, bool removed)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return removed ? Remove(pod, observed: false).Item2 : Put(pod).Item2;
    }

    /// <summary>The pods whose controller has uid <paramref name="controllerUid"/>.</summary>
    public List<PodSummary> ControlledBy(string controllerUid)
    {
        lock (_lock)
        {
            return _byController.TryGetValue(controllerUid, out var keys) ? [.. keys.Select(k => _pods[k])] : [];
        }
    }

    /// <summary>The pods of <paramref name="namespace"/> without a controller.</summary>
    public List<PodSummary> Orphans(string @namespace)
    {
        lock (_lock)
        {
            return _orphansByNamespace.TryGetValue(@namespace, out var keys) ? [.. keys.Select(k => _pods[k])] : [];
        }
    }

    private (PodSummary?, PodSummary?) Put(StoredObject stored)
    {
        PodSummary? before;
        lock (_lock)
        {
            before = _pods.GetValueOrDefault(stored.Key);
            if ((before is not null && before.Stored.ResourceVersion >= stored.ResourceVersion) ||
                (_removedAt.TryGetValue(stored.Key, out var removed) && removed >= stored.ResourceVersion))
            {
                return (before, before);
            }
        }

        // Most pods belong to another kind of controller: a byte search spares parsing them.
        var json = stored.Json.AsSpan();
        var otherController = json.IndexOf(ControllerMarker) >= 0 && json.IndexOf(_kindMarker) < 0;

        // Parsed outside the lock: the watch pump and the workers share it.
        var after = otherController ? null : PodSummary.From(stored, strings);
        if (after is null || (after.ControllerUid is not null && after.ControllerKind != controllerKind))
        {
            var (gone, _) = Remove(stored, observed: true);
            return (gone, null);
        }

        lock (_lock)
        {
            var current = _pods.GetValueOrDefault(stored.Key);
            if (current is not null && current.Stored.ResourceVersion >= stored.ResourceVersion)
            {
                return (before, current);
            }

            if (current is not null)
            {
                Unindex(current);
            }

            _removedAt.Remove(stored.Key);
            _pods[stored.Key] = after;
            Index(after);
            return (before, after);
        }
    }

    /// <param name="stored">The pod's last state, with the revision of its removal.</param>
    /// <param name="observed">Whether the watch delivered the removal (else the controller just did it).</param>
    private (PodSummary?, PodSummary?) Remove(StoredObject stored, bool observed)
    {
        lock (_lock)
        {
            var before = _pods.GetValueOrDefault(stored.Key);
            if (before is not null && before.Stored.ResourceVersion > stored.ResourceVersion)
            {
                return (before, before); // a newer pod of the same name already replaced it
            }

            if (before is not null)
            {
                Unindex(before);
                _pods.Remove(stored.Key);
            }

            if (!observed)
            {
                // Until the watch delivers this removal, older events of the pod must not bring it back.
                _removedAt[stored.Key] = stored.ResourceVersion;
            }
            else if (_removedAt.TryGetValue(stored.Key, out var removedAt) && removedAt <= stored.ResourceVersion)
            {
                _removedAt.Remove(stored.Key);
            }

            return (before, null);
        }
    }

    private void Index(PodSummary pod)
    {
        var index = pod.ControllerUid is null ? _orphansByNamespace : _byController;
        var bucket = pod.ControllerUid ?? pod.Key.Namespace;
        if (!index.TryGetValue(bucket, out var keys))
        {
            index[bucket] = keys = [];
        }

        keys.Add(pod.Key);
    }

    private void Unindex(PodSummary pod)
    {
        var index = pod.ControllerUid is null ? _orphansByNamespace : _byController;
        var bucket = pod.ControllerUid ?? pod.Key.Namespace;
        if (index.TryGetValue(bucket, out var keys) && keys.Remove(pod.Key) && keys.Count == 0)
        {
            index.Remove(bucket);
        }
    }
}
