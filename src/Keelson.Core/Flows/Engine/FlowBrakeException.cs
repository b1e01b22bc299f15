namespace Keelson.Core.Flows.Engine;

/// <summary>The action gate hit the brakes: the task goes back to pending and the run becomes braked.</summary>
internal sealed class FlowBrakeException(FlowAction action, string reason)
    : Exception($"the action gate hit the brakes before {action}: {reason}")
{
    public FlowAction Action { get; } = action;

    public string Reason { get; } = reason;
}
