namespace Keelson.Core.Flows.Api;

/// <summary>One problem of an invalid flow definition, in a 422 answer's <c>errors</c>.</summary>
/// <param name="Task">The task, or null for a flow-level field.</param>
/// <param name="Field">The field, e.g. <c>with.node</c>.</param>
/// <param name="Line">The line in the applied text, when known.</param>
/// <param name="Message">What is wrong and what to do.</param>
/// <param name="Text">All of it on one line, as a person reads it.</param>
public sealed record FlowProblemError(string? Task, string Field, int? Line, string Message, string Text);
