namespace Keelson.Core.Changes;

/// <summary>One entry of a change's history.</summary>
/// <param name="At">When.</param>
/// <param name="Type">E.g. <c>change.created</c>, <c>change.blocked</c>, <c>change.approved</c>, <c>change.started</c>, <c>wave.blocked</c>.</param>
/// <param name="Message">What happened.</param>
/// <param name="Actor">Who did it, when a person did.</param>
public sealed record ChangeEvent(DateTimeOffset At, string Type, string Message, string? Actor);
