using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Definitions;

/// <summary>One task of a flow: an executor to run, its inputs, and when and how to run it.</summary>
public sealed record FlowTask
{
    /// <summary>The task's name, unique in the flow: letters, digits, '_' and '-', starting with a letter.</summary>
    public required string Name { get; init; }

    /// <summary>The executor that does the work, e.g. <c>kube.drain</c>.</summary>
    public required string Uses { get; init; }

    /// <summary>
    /// The executor's inputs. Strings may hold <c>${{ expression }}</c>; a string that is one
    /// expression takes the expression's type.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?> With { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>The tasks that must end (succeed, be skipped, or fail with <see cref="FailureAction.Continue"/>) before this one starts.</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary>How failed attempts are retried; null uses the executor's default (most have none).</summary>
    public FlowRetry? Retry { get; init; }

    /// <summary>How long one attempt may take, waiting included; null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>A condition (expression); when it is false the task is skipped.</summary>
    public string? When { get; init; }

    /// <summary>
    /// A list, or a string that is one expression giving a list (<c>${{ params.clusters }}</c>): the task
    /// runs once per element, read as <c>item</c> (and its position as <c>index</c>).
    /// </summary>
    public JsonNode? ForEach { get; init; }

    /// <summary>With <see cref="ForEach"/>, how many elements run at once (default 1: one after another).</summary>
    public int? Concurrency { get; init; }

    /// <summary>What the run does when this task fails for good.</summary>
    public FailureAction OnFailure { get; init; } = FailureAction.Stop;

    /// <summary>With <see cref="FailureAction.Compensate"/>, the task run after this one failed; its name is ignored.</summary>
    public FlowTask? Compensate { get; init; }
}
