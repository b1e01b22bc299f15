namespace Keelson.Core.Flows.Runs;

/// <summary>One step of a run's history (a task started, succeeded, waited; the run paused...), in order.</summary>
/// <param name="Id">Increasing; resume a stream after the last one seen.</param>
/// <param name="RunId">The run.</param>
/// <param name="At">When.</param>
/// <param name="Type">What, as <c>run.started</c>, <c>task.succeeded</c>, <c>run.paused</c>...</param>
/// <param name="Task">The task key (<c>drain</c>, <c>restart[2]</c>), for task events.</param>
/// <param name="Message">A sentence for people.</param>
/// <param name="Actor">Who caused it, for operator actions.</param>
public sealed record FlowRunEvent(long Id, long RunId, DateTimeOffset At, string Type, string? Task, string Message, string? Actor);
