namespace Keelson.Simulator.Store;

/// <summary>
/// Equal label sets of one table's objects, shared: the hundred pods of a ReplicaSet carry the
/// same labels, and 100,000 pods each holding its own dictionary of them took 35 MB. Bounded:
/// when it holds <see cref="Capacity"/> sets it starts over, so the sets of objects long gone
/// are not kept (a set in use stays shared by the objects already holding it).
/// </summary>
internal sealed class LabelSets
{
    /// <summary>How many distinct sets are remembered before starting over.</summary>
    public const int Capacity = 4096;

    private readonly HashSet<IReadOnlyDictionary<string, string>> _sets = new(Comparer.Instance);

    /// <summary>The set equal to <paramref name="labels"/> seen before, else <paramref name="labels"/> (remembered). Not thread-safe.</summary>
    public IReadOnlyDictionary<string, string> Share(IReadOnlyDictionary<string, string> labels)
    {
        if (_sets.TryGetValue(labels, out var shared))
        {
            return shared;
        }

        if (_sets.Count >= Capacity)
        {
            _sets.Clear();
        }

        _sets.Add(labels);
        return labels;
    }

    private sealed class Comparer : IEqualityComparer<IReadOnlyDictionary<string, string>>
    {
        public static readonly Comparer Instance = new();

        public bool Equals(IReadOnlyDictionary<string, string>? x, IReadOnlyDictionary<string, string>? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x is null || y is null || x.Count != y.Count)
            {
                return false;
            }

            foreach (var (key, value) in x)
            {
                if (!y.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(IReadOnlyDictionary<string, string> labels)
        {
            // Order-free: a sum of the pairs' hashes.
            var hash = labels.Count;
            foreach (var (key, value) in labels)
            {
                hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), StringComparer.Ordinal.GetHashCode(value));
            }

            return hash;
        }
    }
}
