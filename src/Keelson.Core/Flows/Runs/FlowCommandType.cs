namespace Keelson.Core.Flows.Runs;

/// <summary>What an operator asks of a run.</summary>
public enum FlowCommandType
{
    /// <summary>Start no new task until resumed.</summary>
    Pause,

    /// <summary>Continue a paused or braked run.</summary>
    Resume,

    /// <summary>Stop the run: running tasks are cancelled, nothing else starts.</summary>
    Cancel,

    /// <summary>Run a failed task again (a new attempt with fresh intents).</summary>
    Retry,

    /// <summary>Mark a task skipped, so the tasks that need it can go on.</summary>
    Skip,

    /// <summary>Run a task and every task after it again.</summary>
    ResumeFrom,

    /// <summary>Approve an approval task.</summary>
    Approve,

    /// <summary>Reject an approval task (it fails).</summary>
    Reject,

    /// <summary>
    /// Brake the run as the guardrails do (not an operator command: the guardrails send it to the
    /// other runs working in a scope whose circuit just opened). Resumed like a paused run.
    /// </summary>
    Brake,
}
