using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Executors;

/// <summary>What an executor's dry run sees: the task's inputs (null where they depend on earlier tasks' outputs).</summary>
public sealed class PlanContext
{
    private readonly Func<string, int?, JsonObject, int, CancellationToken, Task<IReadOnlyList<PlannedAction>>> _planFlow;

    internal PlanContext(string taskName, TaskInputs inputs, int depth, Func<string, int?, JsonObject, int, CancellationToken, Task<IReadOnlyList<PlannedAction>>> planFlow)
    {
        TaskName = taskName;
        Inputs = inputs;
        Depth = depth;
        _planFlow = planFlow;
    }

    /// <summary>The task's name.</summary>
    public string TaskName { get; }

    /// <summary>The evaluated inputs.</summary>
    public TaskInputs Inputs { get; }

    /// <summary>How many <c>flow.run</c> levels deep this plan is (0 at the top).</summary>
    public int Depth { get; }

    /// <summary>The actions a run of another flow would take (for <c>flow.run</c>).</summary>
    public Task<IReadOnlyList<PlannedAction>> PlanFlowAsync(string flow, int? version, JsonObject parameters, CancellationToken cancellationToken) =>
        _planFlow(flow, version, parameters, Depth + 1, cancellationToken);
}
