using System.Text.Json.Nodes;

namespace Keelson.Simulator.Patching;

/// <summary>
/// A set of field paths kept as a trie, as structured-merge-diff keeps a manager's fields: <see cref="Members"/> are
/// paths owned here, <see cref="Children"/> lead to deeper paths. Serialized as FieldsV1, where <c>"."</c> marks a
/// node that is itself a member and has children.
/// </summary>
internal sealed class FieldSet
{
    private readonly SortedSet<PathElement> _members = [];
    private readonly SortedDictionary<PathElement, FieldSet> _children = [];

    /// <summary>Paths that end here.</summary>
    public IReadOnlyCollection<PathElement> Members => _members;

    /// <summary>Subsets under each element.</summary>
    public IReadOnlyDictionary<PathElement, FieldSet> Children => _children;

    /// <summary>Whether the set holds no path.</summary>
    public bool IsEmpty => _members.Count == 0 && _children.Values.All(c => c.IsEmpty);

    /// <summary>Adds a path.</summary>
    public void Insert(IReadOnlyList<PathElement> path)
    {
        if (path.Count == 0)
        {
            return;
        }

        var node = this;
        for (var i = 0; i < path.Count - 1; i++)
        {
            node = node.Child(path[i]);
        }

        node._members.Add(path[^1]);
    }

    /// <summary>Paths in either set.</summary>
    public FieldSet Union(FieldSet other)
    {
        var result = Copy();
        result._members.UnionWith(other._members);
        foreach (var (element, child) in other._children)
        {
            result._children[element] = result._children.TryGetValue(element, out var mine) ? mine.Union(child) : child.Copy();
        }

        return result;
    }

    /// <summary>Paths in both sets.</summary>
    public FieldSet Intersection(FieldSet other)
    {
        var result = new FieldSet();
        result._members.UnionWith(_members.Where(other._members.Contains));
        foreach (var (element, child) in _children)
        {
            if (other._children.TryGetValue(element, out var theirs))
            {
                result.AddChild(element, child.Intersection(theirs));
            }
        }

        return result;
    }

    /// <summary>Paths of this set that are not in <paramref name="other"/> (deeper paths are kept).</summary>
    public FieldSet Difference(FieldSet other)
    {
        var result = new FieldSet();
        result._members.UnionWith(_members.Where(m => !other._members.Contains(m)));
        foreach (var (element, child) in _children)
        {
            result.AddChild(element, other._children.TryGetValue(element, out var theirs) ? child.Difference(theirs) : child.Copy());
        }

        return result;
    }

    /// <summary>Paths of this set that are neither in <paramref name="other"/> nor below one of its members.</summary>
    public FieldSet RecursiveDifference(FieldSet other)
    {
        var result = new FieldSet();
        result._members.UnionWith(_members.Where(m => !other._members.Contains(m)));
        foreach (var (element, child) in _children)
        {
            if (other._members.Contains(element))
            {
                continue;
            }

            result.AddChild(element, other._children.TryGetValue(element, out var theirs) ? child.RecursiveDifference(theirs) : child.Copy());
        }

        return result;
    }

    /// <summary>Every path, members of a node before its children, each level in element order.</summary>
    public IEnumerable<IReadOnlyList<PathElement>> Paths() => PathsUnder([]);

    /// <summary>A deep copy.</summary>
    public FieldSet Copy()
    {
        var copy = new FieldSet();
        copy._members.UnionWith(_members);
        foreach (var (element, child) in _children)
        {
            copy._children[element] = child.Copy();
        }

        return copy;
    }

    /// <summary>The set as FieldsV1 JSON.</summary>
    public JsonObject ToFieldsV1() => Write(includeSelf: false);

    /// <summary>Reads FieldsV1 JSON.</summary>
    /// <exception cref="FormatException">The JSON is not FieldsV1.</exception>
    public static FieldSet FromFieldsV1(JsonObject fields)
    {
        var set = new FieldSet();
        foreach (var (key, value) in fields)
        {
            if (key == ".")
            {
                continue;
            }

            var element = PathElement.Parse(key);
            var inner = value as JsonObject ?? throw new FormatException($"FieldsV1 entry '{key}' is not an object");
            if (inner.Count == 0 || inner.ContainsKey("."))
            {
                set._members.Add(element);
            }

            if (inner.Any(p => p.Key != "."))
            {
                set._children[element] = FromFieldsV1(inner);
            }
        }

        return set;
    }

    /// <summary>Adds <paramref name="child"/> under <paramref name="element"/>, unless it is empty.</summary>
    internal void AddChild(PathElement element, FieldSet child)
    {
        if (!child.IsEmpty)
        {
            _children[element] = child;
        }
    }

    /// <summary>Adds <paramref name="element"/> as a member.</summary>
    internal void AddMember(PathElement element) => _members.Add(element);

    private FieldSet Child(PathElement element)
    {
        if (!_children.TryGetValue(element, out var child))
        {
            _children[element] = child = new FieldSet();
        }

        return child;
    }

    private IEnumerable<IReadOnlyList<PathElement>> PathsUnder(List<PathElement> prefix)
    {
        foreach (var member in _members)
        {
            yield return [.. prefix, member];
        }

        foreach (var (element, child) in _children)
        {
            foreach (var path in child.PathsUnder([.. prefix, element]))
            {
                yield return path;
            }
        }
    }

    private JsonObject Write(bool includeSelf)
    {
        var result = new JsonObject();
        if (includeSelf)
        {
            result["."] = new JsonObject();
        }

        foreach (var element in _members.Union(_children.Where(c => !c.Value.IsEmpty).Select(c => c.Key)).Order())
        {
            var isMember = _members.Contains(element);
            result[element.ToFieldsV1()] = _children.TryGetValue(element, out var child) && !child.IsEmpty
                ? child.Write(includeSelf: isMember)
                : new JsonObject();
        }

        return result;
    }
}
