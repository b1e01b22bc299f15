using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Selectors;
using Keelson.Simulator.Store;

namespace Keelson.Simulator.Controllers.Pods;

/// <summary>
/// The latest stored version of each pod by namespace and by label, fed from watch events (and
/// a controller's own writes), so selecting the pods of a Service, budget or workload looks at
/// the pods carrying one of the selector's exact labels (e.g. <c>app=web</c>) instead of every pod
/// of the namespace, without taking the pod table's lock that every writer needs. Like an
/// informer's cache, it trails the store by the events not yet delivered.
/// </summary>
public sealed class PodLabelIndex
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, StoredObject> _pods = [];
    private readonly Dictionary<string, HashSet<string>> _byNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Key, string Value), HashSet<string>> _byLabel = [];

    /// <summary>Indexes a pod's stored version (an older version than the one indexed is ignored).</summary>
    public void Put(StoredObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var key = pod.Key;
        lock (_lock)
        {
            if (_pods.TryGetValue(key, out var indexed))
            {
                if (indexed.ResourceVersion >= pod.ResourceVersion)
                {
                    return;
                }

                if (SelectorIndex.SameLabels(indexed.Labels, pod.Labels))
                {
                    _pods[key] = pod;
                    return;
                }

                Unlink(key, indexed.Labels);
            }

            _pods[key] = pod;
            Link(_byNamespace, key.Namespace, key.Name);
            foreach (var (label, value) in pod.Labels ?? new Dictionary<string, string>())
            {
                Link(_byLabel, (key.Namespace, label, value), key.Name);
            }
        }
    }

    /// <summary>Forgets a removed pod (unless a newer version of the name is indexed).</summary>
    public void Remove(StoredObject pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        lock (_lock)
        {
            if (_pods.TryGetValue(pod.Key, out var indexed) && indexed.ResourceVersion <= pod.ResourceVersion)
            {
                _pods.Remove(pod.Key);
                Unlink(pod.Key, indexed.Labels);
            }
        }
    }

    /// <summary>
    /// The pods of <paramref name="namespace"/> that may match <paramref name="selector"/>: those
    /// with the rarest of its exact labels, or all of the namespace when it has none.
    /// </summary>
    public List<StoredObject> Candidates(string @namespace, LabelMatcher selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        lock (_lock)
        {
            HashSet<string>? narrowest = null;
            foreach (var requirement in selector.Requirements)
            {
                if (selector.TryGetExactMatch(requirement.Key, out var value))
                {
                    var pods = _byLabel.GetValueOrDefault((@namespace, requirement.Key, value));
                    if (pods is null)
                    {
                        return []; // no pod carries a label the selector requires
                    }

                    if (narrowest is null || pods.Count < narrowest.Count)
                    {
                        narrowest = pods;
                    }
                }
            }

            narrowest ??= _byNamespace.GetValueOrDefault(@namespace);
            return narrowest is null ? [] : [.. narrowest.Select(name => _pods[new ObjectKey(@namespace, name)])];
        }
    }

    private void Unlink(ObjectKey pod, IReadOnlyDictionary<string, string>? labels)
    {
        Unlink(_byNamespace, pod.Namespace, pod.Name);
        foreach (var (key, value) in labels ?? new Dictionary<string, string>())
        {
            Unlink(_byLabel, (pod.Namespace, key, value), pod.Name);
        }
    }

    private static void Link<TKey>(Dictionary<TKey, HashSet<string>> index, TKey key, string name)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var names))
        {
            index[key] = names = new HashSet<string>(StringComparer.Ordinal);
        }

        names.Add(name);
    }

    private static void Unlink<TKey>(Dictionary<TKey, HashSet<string>> index, TKey key, string name)
        where TKey : notnull
    {
        if (index.TryGetValue(key, out var names) && names.Remove(name) && names.Count == 0)
        {
            index.Remove(key);
        }
    }
}
