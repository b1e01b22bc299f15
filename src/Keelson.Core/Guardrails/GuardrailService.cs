using System.Text.Json.Nodes;
using Keelson.Core.Audit;
using Keelson.Storage;
using Microsoft.Extensions.Options;

namespace Keelson.Core.Guardrails;

/// <summary>
/// What operators do with guardrails: read the brake, circuits and budgets; pull and release the
/// emergency brake; change budgets; reset circuits. Every change is audited in its own transaction.
/// </summary>
public sealed class GuardrailService
{
    private readonly KeelsonDatabase _database;
    private readonly GuardrailStore _store;
    private readonly AuditedChange _audited;
    private readonly TimeProvider _time;
    private readonly IOptions<GuardrailOptions> _options;

    internal GuardrailService(KeelsonDatabase database, GuardrailStore store, AuditLog audit, TimeProvider time, IOptions<GuardrailOptions> options)
    {
        _database = database;
        _store = store;
        _audited = new AuditedChange(database, audit);
        _time = time;
        _options = options;
    }

    /// <summary>The emergency brake and the open circuits.</summary>
    public async Task<GuardrailStatus> StatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        var brake = await GuardrailStore.BrakeAsync(connection, null, cancellationToken);
        var circuits = await GuardrailStore.CircuitsAsync(connection, null, null, cancellationToken);
        return new GuardrailStatus(brake, [.. circuits.Select(ToCircuit)]);
    }

    /// <summary>Every budget in force, with what each has used now.</summary>
    public async Task<IReadOnlyList<GuardrailBudget>> BudgetsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var budgets = await GuardrailStore.BudgetsAsync(connection, null, cancellationToken);
        var charges = await GuardrailStore.RecentChargesAsync(connection, now - (long)BudgetWindow.Longest.TotalMilliseconds, cancellationToken);
        return [.. budgets.Select(b =>
        {
            var since = now - (BudgetWindow.Seconds(b.Window) ?? 0) * 1000;
            var inWindow = charges.Where(c => c.At > since && b.Covers(c.Verb, c.Kind));
            var used = b.Scope == BudgetScope.Fleet
                ? new Dictionary<string, long> { ["fleet"] = inWindow.Sum(c => c.Tokens) }
                : inWindow.GroupBy(c => c.Cluster, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Tokens));
            return b with { Used = used };
        })];
    }

    /// <summary>Sets one budget (replacing its default, or adding a budget); a null limit lifts it.</summary>
    /// <exception cref="GuardrailException">The verb, kind, window or limit is not valid.</exception>
    public async Task<GuardrailBudget> SetBudgetAsync(AuditActor actor, BudgetChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(change);
        var (verb, kind, window) = Validate(change.Verb, change.Kind, change.Window);
        if (change.Limit is < 0)
        {
            throw new GuardrailException(GuardrailErrorKind.Invalid, $"limit {change.Limit} is negative; give 0 or more tokens, or null to lift the limit");
        }

        var budget = new GuardrailBudget(verb, kind, change.Scope, window, change.Limit) { UpdatedBy = actor.Name, UpdatedAt = _time.GetUtcNow() };
        var entry = new AuditEntry(actor, "guardrails.budget.set", $"budget/{verb}/{kind}/{GuardrailStore.ScopeText(change.Scope)}/{window}", AuditOutcome.Success, new JsonObject { ["limit"] = change.Limit });
        await _audited.RunAsync(entry, async (connection, transaction) =>
        {
            await _store.LockAsync(connection, transaction, cancellationToken);
            await GuardrailStore.SetBudgetAsync(connection, transaction, budget, actor.Name, budget.UpdatedAt!.Value.ToUnixTimeMilliseconds(), cancellationToken);
        }, cancellationToken);
        return budget;
    }

    /// <summary>Undoes an admin's change: a default budget goes back to its default value, an added one is removed.</summary>
    /// <exception cref="GuardrailException">No admin changed that budget.</exception>
    public async Task ResetBudgetAsync(AuditActor actor, string verb, string kind, BudgetScope scope, string window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        (verb, kind, window) = Validate(verb, kind, window);
        var target = $"budget/{verb}/{kind}/{GuardrailStore.ScopeText(scope)}/{window}";
        await _audited.RunAsync(new AuditEntry(actor, "guardrails.budget.reset", target, AuditOutcome.Success), async (connection, transaction) =>
        {
            await _store.LockAsync(connection, transaction, cancellationToken);
            if (await GuardrailStore.RemoveBudgetAsync(connection, transaction, verb, kind, scope, BudgetWindow.Seconds(window)!.Value, cancellationToken) == 0)
            {
                throw new GuardrailException(GuardrailErrorKind.NotFound, $"no admin changed the budget {verb} {kind} ({GuardrailStore.ScopeText(scope)}, {window}); GET /api/v1/guardrails/budgets lists them");
            }
        }, cancellationToken);
    }

    /// <summary>Closes a circuit: braked runs can then be resumed.</summary>
    /// <exception cref="GuardrailException">No circuit of that scope is open.</exception>
    public async Task ResetCircuitAsync(AuditActor actor, string scope, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        var entry = new AuditEntry(actor, "guardrails.circuit.reset", $"circuit/{scope}", AuditOutcome.Success, new JsonObject { ["reason"] = reason });
        await _audited.RunAsync(entry, async (connection, transaction) =>
        {
            await _store.LockAsync(connection, transaction, cancellationToken);
            if (await GuardrailStore.CloseCircuitAsync(connection, transaction, scope, cancellationToken) == 0)
            {
                throw new GuardrailException(GuardrailErrorKind.NotFound, $"circuit {scope} is not open; GET /api/v1/guardrails lists the open circuits (scopes are \"fleet\" and \"cluster/NAME\")");
            }
        }, cancellationToken);
    }

    /// <summary>Pulls the emergency brake: no destructive action runs anywhere until it is released.</summary>
    /// <exception cref="GuardrailException">No reason was given, or the brake is already on.</exception>
    public async Task<EmergencyBrake> EngageBrakeAsync(AuditActor actor, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new GuardrailException(GuardrailErrorKind.Invalid, "say why the brake is pulled (reason), so whoever releases it knows what to check");
        }

        var now = _time.GetUtcNow();
        await _audited.RunAsync(new AuditEntry(actor, "guardrails.brake.on", "brake/fleet", AuditOutcome.Success, new JsonObject { ["reason"] = reason }), async (connection, transaction) =>
        {
            await _store.LockAsync(connection, transaction, cancellationToken);
            var current = await GuardrailStore.BrakeAsync(connection, transaction, cancellationToken);
            if (current.Engaged)
            {
                throw new GuardrailException(GuardrailErrorKind.Conflict, $"the emergency brake is already on (pulled by {current.EngagedBy} at {current.EngagedAt:u}: {current.Reason})");
            }

            await GuardrailStore.EngageBrakeAsync(connection, transaction, reason, actor.Name, now.ToUnixTimeMilliseconds(), cancellationToken);
        }, cancellationToken);
        return new EmergencyBrake(true, reason, actor.Name, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()));
    }

    /// <summary>Releases the emergency brake; braked runs can then be resumed.</summary>
    /// <exception cref="GuardrailException">The brake is not on.</exception>
    public async Task ReleaseBrakeAsync(AuditActor actor, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await _audited.RunAsync(new AuditEntry(actor, "guardrails.brake.off", "brake/fleet", AuditOutcome.Success, new JsonObject { ["reason"] = reason }), async (connection, transaction) =>
        {
            await _store.LockAsync(connection, transaction, cancellationToken);
            if (await GuardrailStore.ReleaseBrakeAsync(connection, transaction, cancellationToken) == 0)
            {
                throw new GuardrailException(GuardrailErrorKind.Conflict, "the emergency brake is not on");
            }
        }, cancellationToken);
    }

    /// <summary>What <paramref name="charges"/> would draw from each budget now, without charging anything.</summary>
    public async Task<IReadOnlyList<BudgetForecast>> ForecastAsync(IReadOnlyList<GuardrailCharge> charges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(charges);
        if (charges.Count == 0)
        {
            return [];
        }

        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var budgets = await GuardrailStore.BudgetsAsync(connection, null, cancellationToken);
        var forecasts = new List<BudgetForecast>();
        foreach (var budget in budgets.Where(b => b.Limit is not null))
        {
            var covered = charges.Where(c => budget.Covers(c.Verb, c.Kind)).ToList();
            var groups = budget.Scope == BudgetScope.Fleet
                ? covered.GroupBy(_ => (string?)null)
                : covered.GroupBy(c => (string?)c.Cluster);
            foreach (var group in groups)
            {
                var since = now - (BudgetWindow.Seconds(budget.Window) ?? 0) * 1000;
                var used = await GuardrailStore.UsedAsync(connection, null, budget, group.Key, since, cancellationToken);
                forecasts.Add(new BudgetForecast(budget.Describe(), group.Key is null ? "fleet" : GuardrailGate.ClusterScope(group.Key), used, group.Sum(c => c.Tokens), budget.Limit!.Value));
            }
        }

        return forecasts;
    }

    private static (string Verb, string Kind, string Window) Validate(string? verb, string? kind, string? window)
    {
        verb = verb?.Trim().ToLowerInvariant();
        if (verb is null || !GuardrailVerbs.All.Contains(verb))
        {
            throw new GuardrailException(GuardrailErrorKind.Invalid, $"verb \"{verb}\" is not one guardrails charge; use one of {string.Join(", ", GuardrailVerbs.All)}");
        }

        if (string.IsNullOrWhiteSpace(kind) || kind.Any(char.IsWhiteSpace) || kind.Contains('/', StringComparison.Ordinal))
        {
            throw new GuardrailException(GuardrailErrorKind.Invalid, $"kind \"{kind}\" is not a Kubernetes kind; give one such as Pod, Node or Deployment, or * for every kind");
        }

        if (BudgetWindow.Seconds(window) is null)
        {
            throw new GuardrailException(GuardrailErrorKind.Invalid, $"window \"{window}\" is not one budgets count over; use one of {BudgetWindow.Names}");
        }

        return (verb, kind.Trim(), window!.Trim().ToLowerInvariant());
    }

    private GuardrailCircuit ToCircuit(GuardrailStore.CircuitRow row)
    {
        var halfOpensAt = _options.Value.CircuitCoolDown is { } c ? DateTimeOffset.FromUnixTimeMilliseconds(row.OpenedAt) + c : (DateTimeOffset?)null;
        var state = halfOpensAt is { } at && _time.GetUtcNow() >= at ? "half-open" : "open";
        return new GuardrailCircuit(row.Scope, state, row.Budget, row.Reason, DateTimeOffset.FromUnixTimeMilliseconds(row.OpenedAt), row.RunId, row.Flow, row.Task, halfOpensAt);
    }
}
