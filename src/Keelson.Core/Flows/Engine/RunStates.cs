using Keelson.Core.Flows.Runs;

namespace Keelson.Core.Flows.Engine;

/// <summary>The run states as stored in <c>flow_runs.state</c>.</summary>
internal static class RunStates
{
    public const string Pending = "pending";
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Braked = "braked";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsFinished(string state) => state is Succeeded or Failed or Cancelled;

    public static string Text(FlowRunState state) => state.ToString().ToLowerInvariant();

    public static FlowRunState Parse(string state) => state switch
    {
        Pending => FlowRunState.Pending,
        Running => FlowRunState.Running,
        Paused => FlowRunState.Paused,
        Braked => FlowRunState.Braked,
        Succeeded => FlowRunState.Succeeded,
        Failed => FlowRunState.Failed,
        _ => FlowRunState.Cancelled,
    };
}
