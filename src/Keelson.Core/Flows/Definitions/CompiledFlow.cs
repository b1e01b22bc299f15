namespace Keelson.Core.Flows.Definitions;

/// <summary>A validated definition, ready to run: tasks in dependency order and indexed by name.</summary>
internal sealed class CompiledFlow
{
    public CompiledFlow(FlowDefinition definition, int version, IReadOnlyList<CompiledTask> ordered)
    {
        Definition = definition;
        Version = version;
        Tasks = ordered;
        foreach (var task in ordered)
        {
            ByName[task.Name] = task;
            if (task.Compensation is { } compensation)
            {
                ByName[compensation.Name] = compensation;
            }
        }
    }

    public FlowDefinition Definition { get; }

    public string Name => Definition.Name;

    public int Version { get; }

    /// <summary>The tasks (not the compensating ones), each after every task it needs.</summary>
    public IReadOnlyList<CompiledTask> Tasks { get; }

    /// <summary>Every task by name, compensating tasks (<c>OWNER/compensate</c>) included.</summary>
    public Dictionary<string, CompiledTask> ByName { get; } = new(StringComparer.Ordinal);

    /// <summary><paramref name="task"/> and every task that needs it, directly or through others.</summary>
    public IReadOnlyList<CompiledTask> WithDescendants(CompiledTask task)
    {
        var found = new HashSet<CompiledTask> { task };
        var queue = new Queue<CompiledTask>([task]);
        while (queue.TryDequeue(out var next))
        {
            foreach (var dependent in next.Dependents.Where(found.Add))
            {
                queue.Enqueue(dependent);
            }
        }

        return [.. Tasks.Where(found.Contains)];
    }
}
