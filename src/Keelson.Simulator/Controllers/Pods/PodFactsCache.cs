using System.Collections.Concurrent;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Selectors;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.Pods;

/// <summary>
/// A controller's parsed pods, keyed by name and checked against the stored version: the pods
/// themselves are always read from the store (never stale), only their parsing is cached. A
/// controller keeps the pods it manages or selects, and forgets them when they are removed.
/// </summary>
public sealed class PodFactsCache
{
    private readonly ConcurrentDictionary<ObjectKey, PodFacts> _facts = new();
    private readonly StringPool _strings;

    /// <summary>Creates a cache sharing repeated strings through <paramref name="strings"/>.</summary>
    public PodFactsCache(StringPool strings) => _strings = strings ?? throw new ArgumentNullException(nameof(strings));

    /// <summary>How many pods are cached.</summary>
    public int Count => _facts.Count;

    /// <summary>The facts of a stored pod, parsed unless cached for this version; kept when <paramref name="keep"/>.</summary>
    public PodFacts Of(StoredObject pod, bool keep = true)
    {
        ArgumentNullException.ThrowIfNull(pod);
        if (_facts.TryGetValue(pod.Key, out var cached) && cached.ResourceVersion == pod.ResourceVersion)
        {
            return cached;
        }

        var facts = PodFacts.Read(pod, _strings);
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

    /// <summary>Drops a removed pod (unless a newer pod of the same name is cached already).</summary>
    public void Forget(StoredObject removed)
    {
        ArgumentNullException.ThrowIfNull(removed);
        if (_facts.TryGetValue(removed.Key, out var cached) && cached.ResourceVersion <= removed.ResourceVersion)
        {
            _facts.TryRemove(new KeyValuePair<ObjectKey, PodFacts>(removed.Key, cached));
        }
    }

    /// <summary>The pods of <paramref name="namespace"/> whose labels match <paramref name="selector"/>, read from <paramref name="pods"/> now.</summary>
    public List<PodFacts> Select(ResourceTable pods, string @namespace, LabelMatcher selector)
    {
        ArgumentNullException.ThrowIfNull(pods);
        ArgumentNullException.ThrowIfNull(selector);
        if (selector.MatchesNothing)
        {
            return [];
        }

        var page = pods.List(@namespace, pod => selector.Matches(pod.Labels));
        var result = new List<PodFacts>(page.Items.Count);
        foreach (var pod in page.Items)
        {
            result.Add(Of(pod));
        }

        return result;
    }
}
