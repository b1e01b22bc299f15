using System.Collections.Concurrent;
using Keelson.Kubernetes.Informers;
using Keelson.Kubernetes.Selectors;

namespace Keelson.Simulator.Controllers.Pods;

/// <summary>
/// The pod selectors of a controller's objects (sets, services, budgets) by namespace, so a pod
/// event finds the objects that select the pod without looking at other namespaces.
/// </summary>
public sealed class SelectorIndex
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, LabelMatcher>> _byNamespace = new(StringComparer.Ordinal);

    /// <summary>Records (or replaces) the selector of an object.</summary>
    public void Set(ObjectKey owner, LabelMatcher selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        _byNamespace.GetOrAdd(owner.Namespace, _ => new(StringComparer.Ordinal))[owner.Name] = selector;
    }

    /// <summary>Forgets an object.</summary>
    public void Remove(ObjectKey owner)
    {
        if (_byNamespace.TryGetValue(owner.Namespace, out var selectors))
        {
            selectors.TryRemove(owner.Name, out _);
        }
    }

    /// <summary>Every object indexed.</summary>
    public List<ObjectKey> All() => [.. _byNamespace.SelectMany(ns => ns.Value.Keys.Select(name => new ObjectKey(ns.Key, name)))];

    /// <summary>The objects of <paramref name="namespace"/> whose selector matches <paramref name="labels"/>, by name.</summary>
    public List<ObjectKey> Matching(string @namespace, IReadOnlyDictionary<string, string>? labels)
    {
        var found = new List<ObjectKey>();
        if (_byNamespace.TryGetValue(@namespace, out var selectors))
        {
            foreach (var (name, selector) in selectors)
            {
                if (selector.Matches(labels))
                {
                    found.Add(new ObjectKey(@namespace, name));
                }
            }
        }

        found.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return found;
    }

    /// <summary>Whether two label sets are equal (null is no labels).</summary>
    public static bool SameLabels(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        if ((a?.Count ?? 0) != (b?.Count ?? 0))
        {
            return false;
        }

        foreach (var (key, value) in a ?? new Dictionary<string, string>())
        {
            if (!b!.TryGetValue(key, out var other) || other != value)
            {
                return false;
            }
        }

        return true;
    }
}
