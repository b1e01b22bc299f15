namespace Keelson.Core.Flows.Engine;

/// <summary>How a dispatched task step ended, as its run's driver learns it.</summary>
/// <param name="Key">The task's key.</param>
/// <param name="Row">The row as committed; null when nothing was committed (not started, superseded, stopped).</param>
/// <param name="BrakeReason">Set when the action gate braked the run.</param>
/// <param name="LeaseLost">True when the run's lease was lost: the driver stops.</param>
internal sealed record ExecutionEnd(string Key, TaskRow? Row, string? BrakeReason = null, bool LeaseLost = false);
