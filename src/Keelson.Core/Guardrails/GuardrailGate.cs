using System.Text.Json.Nodes;
using Keelson.Core.Audit;
using Keelson.Core.Flows;
using Keelson.Core.Flows.Engine;
using Keelson.Storage;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Guardrails;

/// <summary>
/// The action gate guardrails put in front of every flow action. A destructive action (see
/// <see cref="GuardrailCharge.Of"/>) is braked while the emergency brake is on or a circuit over its
/// cluster or the fleet is open; otherwise it is charged to every budget that covers it, in one
/// transaction. When a budget has no room for it, the action does not run: the circuit of the
/// budget's scope opens (audited), a notification goes out, and the run is braked — with every other
/// run that was charged a destructive action in that scope (they get a <c>brake</c> command). Other actions pass.
/// </summary>
internal sealed class GuardrailGate(
    KeelsonDatabase database,
    GuardrailStore store,
    AuditLog audit,
    GuardrailNotifier notifier,
    TimeProvider time,
    IOptions<GuardrailOptions> options) : IActionGate
{
    public async Task<GateDecision> CheckAsync(ActionGateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (GuardrailCharge.Of(request.Action) is not { } charge)
        {
            return GateDecision.Allow;
        }

        var (decision, notifications) = await database.InTransactionAsync(
            (connection, transaction) => DecideAsync(connection, transaction, request, charge, cancellationToken), cancellationToken);
        foreach (var notification in notifications)
        {
            notifier.Send(notification);
        }

        return decision;
    }

    /// <summary>The scope of a circuit over one cluster.</summary>
    public static string ClusterScope(string cluster) => $"cluster/{cluster}";

    private async Task<(GateDecision, IReadOnlyList<CircuitNotification>)> DecideAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, ActionGateRequest request, GuardrailCharge charge, CancellationToken cancellationToken)
    {
        await store.LockAsync(connection, transaction, cancellationToken);
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var brake = await GuardrailStore.BrakeAsync(connection, transaction, cancellationToken);
        if (brake.Engaged)
        {
            return (GateDecision.Brake($"the emergency brake is on (pulled by {brake.EngagedBy} at {brake.EngagedAt:u}: {brake.Reason}); " +
                "once it is released (keelson brake off), resume the run"), []);
        }

        var clusterScope = ClusterScope(charge.Cluster);
        var circuits = await GuardrailStore.CircuitsAsync(connection, transaction, ["fleet", clusterScope], cancellationToken);
        var coolDown = options.Value.CircuitCoolDown;
        foreach (var circuit in circuits)
        {
            var halfOpensAt = coolDown is { } c ? circuit.OpenedAt + (long)c.TotalMilliseconds : (long?)null;
            if (halfOpensAt is null || nowMs < halfOpensAt)
            {
                return (GateDecision.Brake($"circuit {circuit.Scope} is open since {DateTimeOffset.FromUnixTimeMilliseconds(circuit.OpenedAt):u}: {circuit.Reason}; " +
                    $"{(halfOpensAt is { } at ? $"it half-opens at {DateTimeOffset.FromUnixTimeMilliseconds(at):u}, or " : "")}an admin closes it (keelson circuit reset {circuit.Scope}), then resume the run"), []);
            }
        }

        // Every circuit over the action (if any) is half-open: this action is their probe.
        var budgets = (await GuardrailStore.BudgetsAsync(connection, transaction, cancellationToken))
            .Where(b => b.Limit is not null && b.Covers(charge.Verb, charge.Kind))
            .OrderBy(b => b.Scope).ThenBy(b => BudgetWindow.Seconds(b.Window));
        var exceeded = new Dictionary<string, (GuardrailBudget Budget, long Used)>(StringComparer.Ordinal);
        foreach (var budget in budgets)
        {
            var scope = budget.Scope == BudgetScope.Fleet ? "fleet" : clusterScope;
            if (exceeded.ContainsKey(scope))
            {
                continue;
            }

            var since = nowMs - (BudgetWindow.Seconds(budget.Window) ?? 0) * 1000;
            var used = await GuardrailStore.UsedAsync(connection, transaction, budget, budget.Scope == BudgetScope.Fleet ? null : charge.Cluster, since, cancellationToken);
            if (used + charge.Tokens > budget.Limit)
            {
                exceeded[scope] = (budget, used);
            }
        }

        if (exceeded.Count == 0)
        {
            await GuardrailStore.ChargeAsync(connection, transaction, charge, request.RunId, nowMs, cancellationToken);
            foreach (var circuit in circuits)
            {
                await GuardrailStore.CloseCircuitAsync(connection, transaction, circuit.Scope, cancellationToken);
                await audit.AppendAsync(new AuditEntry(AuditActor.System, "guardrails.circuit.close", $"circuit/{circuit.Scope}", AuditOutcome.Success, new JsonObject
                {
                    ["reason"] = $"half-open after the cool-down, the probe ({request.Action}) fit every budget",
                    ["run"] = request.RunId,
                }), connection, transaction, cancellationToken);
            }

            return (GateDecision.Allow, []);
        }

        var notifications = new List<CircuitNotification>();
        var reasons = new List<string>();
        foreach (var (scope, (budget, used)) in exceeded)
        {
            var where = budget.Scope == BudgetScope.Fleet ? "across the fleet" : $"on cluster {charge.Cluster}";
            var reason = $"budget \"{budget.Describe()}\" is used up {where}: {used} used, {charge.Tokens} more wanted by {request.Action}";
            reasons.Add($"{reason}; circuit {scope} opened");
            await GuardrailStore.OpenCircuitAsync(connection, transaction, new GuardrailStore.CircuitRow
            {
                Scope = scope,
                Budget = budget.Describe(),
                Reason = reason,
                OpenedAt = nowMs,
                RunId = request.RunId,
                Flow = request.Flow,
                Task = request.Task,
            }, cancellationToken);
            var budgetJson = new JsonObject
            {
                ["verb"] = budget.Verb,
                ["kind"] = budget.Kind,
                ["scope"] = GuardrailStore.ScopeText(budget.Scope),
                ["window"] = budget.Window,
                ["limit"] = budget.Limit,
                ["used"] = used,
            };
            var runJson = new JsonObject { ["id"] = request.RunId, ["flow"] = request.Flow, ["task"] = request.Task, ["startedBy"] = request.StartedBy };

            // Every other run working in the scope stops too, not only when it next tries a destructive action.
            var braked = await FlowStore.BrakeRunsChargedOnAsync(connection, transaction, budget.Scope == BudgetScope.Fleet ? null : charge.Cluster, request.RunId, "guardrails",
                $"circuit {scope} opened: {reason}; an admin resets the circuit (keelson circuit reset {scope}) once the cause is understood, then resumes the run", nowMs, cancellationToken);
            await audit.AppendAsync(new AuditEntry(AuditActor.System, "guardrails.circuit.open", $"circuit/{scope}", AuditOutcome.Success, new JsonObject
            {
                ["reason"] = reason,
                ["budget"] = budgetJson.DeepClone(),
                ["run"] = runJson.DeepClone(),
                ["brakedRuns"] = new JsonArray([.. braked.Select(r => (JsonNode?)r)]),
            }), connection, transaction, cancellationToken);
            notifications.Add(new CircuitNotification("guardrails.circuit.opened", scope, charge.Cluster, budgetJson, runJson, request.Action.ToString(), reason, now));
        }

        return (GateDecision.Brake(string.Join("; ", reasons) + ". The action did not run; an admin resets the circuit (keelson circuit reset SCOPE) once the cause is understood, then resumes the run"), notifications);
    }
}
