namespace Keelson.Core.Flows;

/// <summary>What the action gate is asked about: an action and the run and task about to take it.</summary>
/// <param name="Action">The classified action.</param>
/// <param name="RunId">The run.</param>
/// <param name="Flow">The run's flow name.</param>
/// <param name="Task">The task's key (<c>drain</c>, or <c>restart[2]</c> for an element of a forEach).</param>
/// <param name="StartedBy">Who started the run.</param>
public sealed record ActionGateRequest(FlowAction Action, long RunId, string Flow, string Task, string StartedBy);
