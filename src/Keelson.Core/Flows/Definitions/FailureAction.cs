namespace Keelson.Core.Flows.Definitions;

/// <summary>What a run does when a task fails for good (after its retries).</summary>
public enum FailureAction
{
    /// <summary>Start no further task; the run fails once running tasks end. The default.</summary>
    Stop,

    /// <summary>Record the failure and go on: tasks that need this one still run (they can test <c>tasks.NAME.status</c>).</summary>
    Continue,

    /// <summary>Run the task's <c>compensate</c> task (e.g. uncordon after a failed drain), then stop as for <see cref="Stop"/>.</summary>
    Compensate,
}
