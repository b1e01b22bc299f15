namespace Keelson.Core.Flows.Runs;

/// <summary>An operator's request to a run, audited with its reason.</summary>
/// <param name="Type">What to do.</param>
/// <param name="Reason">Why; recorded in the audit log and the run's history.</param>
/// <param name="Task">The task, for retry, skip, resume-from, approve and reject.</param>
/// <param name="Item">The forEach element, when the command is about one element.</param>
public sealed record FlowCommand(FlowCommandType Type, string? Reason = null, string? Task = null, int? Item = null);
