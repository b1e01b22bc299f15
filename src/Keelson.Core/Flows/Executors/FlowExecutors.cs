namespace Keelson.Core.Flows.Executors;

/// <summary>Every registered executor, by name.</summary>
public sealed class FlowExecutors
{
    private readonly Dictionary<string, FlowExecutor> _byName = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="executors"/> by name.</summary>
    /// <exception cref="ArgumentException">Two executors share a name.</exception>
    public FlowExecutors(IEnumerable<FlowExecutor> executors)
    {
        ArgumentNullException.ThrowIfNull(executors);
        foreach (var executor in executors)
        {
            if (!_byName.TryAdd(executor.Name, executor))
            {
                throw new ArgumentException($"two flow executors are named \"{executor.Name}\" ({_byName[executor.Name].GetType().Name} and {executor.GetType().Name}); register each once", nameof(executors));
            }
        }
    }

    /// <summary>The executors, ordered by name.</summary>
    public IEnumerable<FlowExecutor> All => _byName.Values.OrderBy(e => e.Name, StringComparer.Ordinal);

    /// <summary>The executor named <paramref name="name"/>, or null.</summary>
    public FlowExecutor? Find(string name) => _byName.GetValueOrDefault(name);
}
