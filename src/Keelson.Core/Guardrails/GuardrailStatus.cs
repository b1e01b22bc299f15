namespace Keelson.Core.Guardrails;

/// <summary>What stops destructive actions right now: the emergency brake and the open circuits.</summary>
/// <param name="Brake">The emergency brake.</param>
/// <param name="Circuits">Open and half-open circuits.</param>
public sealed record GuardrailStatus(EmergencyBrake Brake, IReadOnlyList<GuardrailCircuit> Circuits);
