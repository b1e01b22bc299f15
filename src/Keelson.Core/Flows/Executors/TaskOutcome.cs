using System.Text.Json.Nodes;

namespace Keelson.Core.Flows.Executors;

/// <summary>What an executor step returns: done (with outputs) or waiting. Failures are thrown as <see cref="FlowTaskException"/>.</summary>
public sealed class TaskOutcome
{
    private TaskOutcome(TaskOutcomeKind kind, JsonObject? outputs, DateTimeOffset? wakeAt, string? reason)
    {
        Kind = kind;
        Outputs = outputs;
        WakeAt = wakeAt;
        Reason = reason;
    }

    /// <summary>Done or waiting.</summary>
    public TaskOutcomeKind Kind { get; }

    /// <summary>The task's outputs (read by later tasks as <c>tasks.NAME.outputs</c>), when done.</summary>
    public JsonObject? Outputs { get; }

    /// <summary>When a waiting task is looked at again; null waits for a signal (an approval, a sub-flow ending).</summary>
    public DateTimeOffset? WakeAt { get; }

    /// <summary>What a waiting task waits for, shown to operators (e.g. "2 pods still on the node").</summary>
    public string? Reason { get; }

    /// <summary>The task is done.</summary>
    public static TaskOutcome Succeeded(JsonObject? outputs = null) => new(TaskOutcomeKind.Succeeded, outputs ?? [], null, null);

    /// <summary>Look again at <paramref name="wakeAt"/>.</summary>
    public static TaskOutcome WaitUntil(DateTimeOffset wakeAt, string reason) => new(TaskOutcomeKind.Waiting, null, wakeAt, reason);

    /// <summary>Wait for a signal (an approval) or the task's timeout, whichever comes first.</summary>
    public static TaskOutcome WaitForSignal(string reason) => new(TaskOutcomeKind.Waiting, null, null, reason);
}
