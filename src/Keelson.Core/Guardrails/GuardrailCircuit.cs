namespace Keelson.Core.Guardrails;

/// <summary>An open (or half-open) circuit: destructive actions in its scope are braked until it closes.</summary>
/// <param name="Scope"><c>fleet</c> or <c>cluster/NAME</c>.</param>
/// <param name="State"><c>open</c>, or <c>half-open</c> once the configured cool-down has passed (the next action is the probe).</param>
/// <param name="Budget">The budget that ran out.</param>
/// <param name="Reason">What happened, as the braked runs show it.</param>
/// <param name="OpenedAt">When it opened.</param>
/// <param name="RunId">The run whose action found the budget empty.</param>
/// <param name="Flow">That run's flow.</param>
/// <param name="Task">That run's task.</param>
/// <param name="HalfOpensAt">When it half-opens; null when only an admin's reset closes it.</param>
public sealed record GuardrailCircuit(string Scope, string State, string Budget, string Reason, DateTimeOffset OpenedAt, long? RunId, string? Flow, string? Task, DateTimeOffset? HalfOpensAt);
