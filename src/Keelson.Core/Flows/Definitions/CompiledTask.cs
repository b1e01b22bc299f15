using Keelson.Core.Flows.Executors;
using Keelson.Core.Flows.Expressions;

namespace Keelson.Core.Flows.Definitions;

/// <summary>A validated task: its executor found, its expressions parsed and its dependencies resolved.</summary>
internal sealed class CompiledTask
{
    public required FlowTask Definition { get; init; }

    /// <summary>The task's name; for a compensating task, <c>OWNER/compensate</c>.</summary>
    public required string Name { get; init; }

    public required FlowExecutor Executor { get; init; }

    public required IReadOnlyDictionary<string, FlowTemplate> Inputs { get; init; }

    public FlowExpression? When { get; init; }

    public FlowTemplate? ForEach { get; init; }

    public FlowRetry? Retry => Definition.Retry ?? Executor.DefaultRetry;

    /// <summary>The tasks this one needs, resolved (filled after every task is compiled).</summary>
    public List<CompiledTask> Needs { get; } = [];

    /// <summary>The tasks that need this one.</summary>
    public List<CompiledTask> Dependents { get; } = [];

    /// <summary>The task run when this one fails with <see cref="FailureAction.Compensate"/>.</summary>
    public CompiledTask? Compensation { get; set; }

    /// <summary>For a compensating task, the task it compensates.</summary>
    public CompiledTask? CompensationFor { get; init; }
}
