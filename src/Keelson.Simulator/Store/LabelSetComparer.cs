namespace Keelson.Simulator.Store;

/// <summary>Label sets equal when they hold the same labels, in any order.</summary>
internal sealed class LabelSetComparer : IEqualityComparer<IReadOnlyDictionary<string, string>>
{
    /// <summary>The comparer.</summary>
    public static readonly LabelSetComparer Instance = new();

    /// <inheritdoc />
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

    /// <inheritdoc />
    public int GetHashCode(IReadOnlyDictionary<string, string> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);

        // Order-free: a sum of the pairs' hashes.
        var hash = obj.Count;
        foreach (var (key, value) in obj)
        {
            hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), StringComparer.Ordinal.GetHashCode(value));
        }

        return hash;
    }
}
