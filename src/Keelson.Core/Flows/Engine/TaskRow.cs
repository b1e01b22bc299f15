namespace Keelson.Core.Flows.Engine;

/// <summary>
/// A row of <c>flow_tasks</c>: a task, a forEach element (<see cref="Item"/> ≥ 0) or a compensating
/// task. The engine keeps one per task in memory and changes it only after the change committed.
/// </summary>
internal sealed class TaskRow
{
    public const int WholeTask = -1;

    public long RunId { get; set; }

    public string Name { get; set; } = "";

    public int Item { get; set; } = WholeTask;

    public string State { get; set; } = TaskStates.Pending;

    public int Attempt { get; set; }

    public int Generation { get; set; }

    public string? ItemValue { get; set; }

    public string? Inputs { get; set; }

    public string? Outputs { get; set; }

    public string? Error { get; set; }

    public string? ErrorKind { get; set; }

    public string? ExecutorState { get; set; }

    /// <summary><c>step</c>: the executor continues the same attempt when woken; <c>retry</c>: a new attempt starts.</summary>
    public string? WaitKind { get; set; }

    public string? WaitReason { get; set; }

    public long? WakeAt { get; set; }

    public long? DeadlineAt { get; set; }

    public long? ReadyAt { get; set; }

    public long? StartedAt { get; set; }

    public long? FinishedAt { get; set; }

    /// <summary>For a forEach element under change control: how far its wave checks went (<see cref="TaskStates.WaveAdmitted"/>, <see cref="TaskStates.WaveChecked"/>), or null.</summary>
    public string? Wave { get; set; }

    /// <summary>The key used in events, intents and gate requests: <c>drain</c>, or <c>restart[2]</c> for an element.</summary>
    public string Key => Item == WholeTask ? Name : $"{Name}[{Item}]";

    public bool IsFinished => TaskStates.IsFinished(State);

    public TaskRow Copy() => (TaskRow)MemberwiseClone();
}
