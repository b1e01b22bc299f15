using Keelson.Core.Flows.Runs;

namespace Keelson.Core.Flows.Engine;

/// <summary>The task states as stored in <c>flow_tasks.state</c>.</summary>
internal static class TaskStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Waiting = "waiting";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public const string Cancelled = "cancelled";

    public const string WaitStep = "step";
    public const string WaitRetry = "retry";

    /// <summary><c>flow_tasks.wave</c>: the element was allowed to start (its before-wave check passed).</summary>
    public const string WaveAdmitted = "admitted";

    /// <summary><c>flow_tasks.wave</c>: the element's after-wave check passed too.</summary>
    public const string WaveChecked = "checked";

    public static bool IsFinished(string state) => state is Succeeded or Failed or Skipped or Cancelled;

    public static FlowTaskState Parse(string state) => state switch
    {
        Pending => FlowTaskState.Pending,
        Running => FlowTaskState.Running,
        Waiting => FlowTaskState.Waiting,
        Succeeded => FlowTaskState.Succeeded,
        Failed => FlowTaskState.Failed,
        Skipped => FlowTaskState.Skipped,
        _ => FlowTaskState.Cancelled,
    };
}
