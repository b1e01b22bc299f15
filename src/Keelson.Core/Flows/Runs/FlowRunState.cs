namespace Keelson.Core.Flows.Runs;

/// <summary>Where a run is in its life.</summary>
public enum FlowRunState
{
    /// <summary>Queued: no replica has started it yet.</summary>
    Pending,

    /// <summary>Tasks are running or waiting.</summary>
    Running,

    /// <summary>Paused by an operator: running tasks finish, no new task starts, waiting tasks do not wake.</summary>
    Paused,

    /// <summary>Paused by the action gate (guardrails hit the brakes); an operator resumes it.</summary>
    Braked,

    /// <summary>Every task succeeded or was skipped (or failed with onFailure: continue).</summary>
    Succeeded,

    /// <summary>A task failed for good.</summary>
    Failed,

    /// <summary>Cancelled by an operator.</summary>
    Cancelled,
}
