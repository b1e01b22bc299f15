namespace Keelson.Core.Flows.Executors;

/// <summary>How one step of a task ended.</summary>
public enum TaskOutcomeKind
{
    /// <summary>The task is done.</summary>
    Succeeded,

    /// <summary>
    /// The task waits (a timer, a condition to poll, a person to approve) without holding a worker;
    /// the executor is called again when it wakes, with the state it kept.
    /// </summary>
    Waiting,
}
