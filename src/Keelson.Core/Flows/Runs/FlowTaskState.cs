namespace Keelson.Core.Flows.Runs;

/// <summary>Where a task (or one element of a forEach task) is.</summary>
public enum FlowTaskState
{
    /// <summary>Not started: waiting for the tasks it needs, or for a worker.</summary>
    Pending,

    /// <summary>An attempt is running on a worker.</summary>
    Running,

    /// <summary>Waiting without a worker: a timer, a condition being polled, an approval, or the back-off before a retry.</summary>
    Waiting,

    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>Failed for good (after its retries), or rejected.</summary>
    Failed,

    /// <summary>Skipped: its condition was false, or an operator skipped it. Counts as done for the tasks that need it.</summary>
    Skipped,

    /// <summary>The run was cancelled before the task ended.</summary>
    Cancelled,
}
