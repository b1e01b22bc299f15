using System.Collections.Concurrent;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Selectors;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.Pods;

/// <summary>
/// A controller's view of pods, as an informer's cache is kube's: the latest version of each pod
/// from its watch events (and its own writes, so a pass never misses the pods it just created),
/// indexed by label so selecting pods never scans the namespace, and the parsed facts of the pods
/// it manages or selects, checked against the version.
/// </summary>
public sealed class PodFactsCache
{
    private readonly ConcurrentDictionary<ObjectKey, PodFacts> _facts = new();
    private readonly PodLabelIndex _index = new();
    private readonly StringPool _strings;

    // The hundred pods of a ReplicaSet have equal controller references and ports: shared, not 100,000 copies (12 MB).
    private readonly ValuePool<ControllerReference> _controllers = new(EqualityComparer<ControllerReference>.Default);
    private readonly ValuePool<NamedPort[]> _ports = new(NamedPortsComparer.Instance);

    /// <summary>Creates a view sharing repeated strings through <paramref name="strings"/>.</summary>
    public PodFactsCache(StringPool strings) => _strings = strings ?? throw new ArgumentNullException(nameof(strings));

    /// <summary>
    /// Takes in a pod watch event as the controller of <paramref name="ownerKind"/> (apps/v1) sees it:
    /// indexes its own pods and the orphans it may adopt, and returns the sets to sync — the pod's
    /// owner, the one that owned it before, or for an orphan every set in <paramref name="sets"/> that selects it.
    /// </summary>
    internal List<ObjectKey> ObserveOwned(StoreEvent e, string ownerKind, SelectorIndex sets)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(sets);
        var before = Cached(e.Object.Key);
        var facts = Of(e.Object, keep: false);
        var owner = Owner(facts, ownerKind);
        Observe(e, relevant: owner is not null || facts.Controller is null);
        if (owner is not null && e.Type != StoreEventType.Deleted)
        {
            Keep(facts);
        }

        var affected = new List<ObjectKey>();
        if (owner is { } set)
        {
            affected.Add(set);
        }
        else if (e.Type != StoreEventType.Deleted && facts.Controller is null && !facts.Terminating)
        {
            affected.AddRange(sets.Matching(facts.Key.Namespace, facts.Labels));
        }

        if (before is not null && Owner(before, ownerKind) is { } former && former != owner)
        {
            affected.Add(former);
        }

        return affected;
    }

    private static ObjectKey? Owner(PodFacts pod, string kind) =>
        pod.Controller is { } owner && owner.Kind == kind && owner.ApiVersion.StartsWith("apps/", StringComparison.Ordinal)
            ? new ObjectKey(pod.Key.Namespace, owner.Name)
            : null;

    /// <summary>
    /// Takes in a pod watch event: the pod is indexed when <paramref name="relevant"/> to this
    /// controller (left out otherwise), and a removed pod is forgotten.
    /// </summary>
    public void Observe(StoreEvent e, bool relevant = true)
    {
        ArgumentNullException.ThrowIfNull(e);
        var pod = e.Object;
        if (e.Type == StoreEventType.Deleted || !relevant)
        {
            _index.Remove(pod);
            Forget(pod);
        }
        else
        {
            _index.Put(pod);
        }
    }

    /// <summary>Takes in a pod this controller just wrote, so its next pass sees it before the watch event arrives.</summary>
    public PodFacts Remember(StoredObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        _index.Put(pod);
        return Of(pod);
    }

    /// <summary>The facts of a stored pod, parsed unless cached for this version; kept when <paramref name="keep"/>.</summary>
    public PodFacts Of(StoredObject pod, bool keep = true)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (_facts.TryGetValue(pod.Key, out var cached) && cached.ResourceVersion == pod.ResourceVersion)
        {
            return cached;
        }

        var facts = PodFacts.Read(pod, _strings, _controllers, _ports);
        if (keep)
        {
            Keep(facts);
        }

        return facts;
    }

    /// <summary>Keeps parsed facts (an older version never replaces a newer one: watch events and passes race).</summary>
    public void Keep(PodFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        _facts.AddOrUpdate(facts.Key, facts, (_, existing) => existing.ResourceVersion > facts.ResourceVersion ? existing : facts);
    }

    /// <summary>The cached facts of a pod, whatever their version, or null.</summary>
    public PodFacts? Cached(ObjectKey key) => _facts.GetValueOrDefault(key);

    /// <summary>Drops the facts of a pod (unless a newer version of the name is cached).</summary>
    public void Forget(StoredObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (_facts.TryGetValue(pod.Key, out var cached) && cached.ResourceVersion <= pod.ResourceVersion)
        {
            _facts.TryRemove(new KeyValuePair<ObjectKey, PodFacts>(pod.Key, cached));
        }
    }

    /// <summary>The pods of <paramref name="namespace"/> whose labels match <paramref name="selector"/>, by name.</summary>
    public List<PodFacts> Select(string @namespace, LabelMatcher selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var result = new List<PodFacts>();
        if (selector.MatchesNothing)
        {
            return result;
        }

        foreach (var pod in _index.Candidates(@namespace, selector))
        {
            if (selector.Matches(pod.Labels))
            {
                result.Add(Of(pod));
            }
        }

        result.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return result;
    }

    private sealed class NamedPortsComparer : IEqualityComparer<NamedPort[]>
    {
        public static readonly NamedPortsComparer Instance = new();

        public bool Equals(NamedPort[]? x, NamedPort[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.SequenceEqual(y));

        public int GetHashCode(NamedPort[] obj)
        {
            var hash = new HashCode();
            foreach (var port in obj)
            {
                hash.Add(port);
            }

            return hash.ToHashCode();
        }
    }
}
