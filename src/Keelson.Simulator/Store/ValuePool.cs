namespace Keelson.Simulator.Store;

/// <summary>
/// Equal values held once: the hundred pods of a ReplicaSet carry the same labels, owner
/// reference and ports, and 100,000 objects each holding its own copy add up. Bounded: when it
/// holds <paramref name="capacity"/> values it starts over, so the values of objects long gone
/// are not kept (a value in use stays shared by the objects already holding it). Thread-safe.
/// </summary>
/// <typeparam name="T">An immutable value.</typeparam>
/// <param name="comparer">When two values are equal.</param>
/// <param name="capacity">How many distinct values are remembered before starting over.</param>
internal sealed class ValuePool<T>(IEqualityComparer<T> comparer, int capacity = 4096)
    where T : class
{
    private readonly Lock _lock = new();
    private readonly HashSet<T> _values = new(comparer);

    /// <summary>The value equal to <paramref name="value"/> seen before, else <paramref name="value"/> (remembered).</summary>
    public T Share(T value)
    {
        lock (_lock)
        {
            if (_values.TryGetValue(value, out var shared))
            {
                return shared;
            }

            if (_values.Count >= capacity)
            {
                _values.Clear();
            }

            _values.Add(value);
            return value;
        }
    }
}
