using System.Text.Json.Nodes;

namespace Keelson.Core.Guardrails;

/// <summary>What the notification webhook receives when a circuit opens (POSTed as JSON, camelCase).</summary>
/// <param name="Event">Always <c>guardrails.circuit.opened</c>.</param>
/// <param name="Scope"><c>fleet</c> or <c>cluster/NAME</c>.</param>
/// <param name="Cluster">The cluster the refused action was for.</param>
/// <param name="Budget">The budget that ran out, with what it had used.</param>
/// <param name="Run">The run whose action was refused: id, flow, task, startedBy.</param>
/// <param name="Action">The refused action in a few words.</param>
/// <param name="Reason">The reason the braked run shows.</param>
/// <param name="OpenedAt">When the circuit opened.</param>
public sealed record CircuitNotification(string Event, string Scope, string Cluster, JsonObject Budget, JsonObject Run, string Action, string Reason, DateTimeOffset OpenedAt);
