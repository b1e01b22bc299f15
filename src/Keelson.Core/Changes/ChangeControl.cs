using System.Text.Json;
using System.Text.Json.Nodes;
using Keelson.Core.Audit;
using Keelson.Core.Flows.Runs;

namespace Keelson.Core.Changes;

/// <summary>What recording and admitting a change share, whether it came through the change API or a plain run.</summary>
internal sealed class ChangeControl(ChangeStore store, ChangeEvaluator evaluator, BlastRadiusCalculator calculator, AuditLog audit, TimeProvider time)
{
    public ChangeStore Store => store;

    public long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Whether a plan changes any cluster (a run that only calls webhooks is not a change).</summary>
    public static bool ChangesClusters(FlowPlan plan) =>
        plan.Clusters.Any(c => c.Cluster is not null && (c.Create.Count + c.Change.Count + c.Delete.Count + c.Evict.Count) > 0);

    /// <summary>Records a change (audited) from its plan: scope and blast radius computed now.</summary>
    public async Task<ChangeRow> RecordAsync(AuditActor actor, string flow, JsonObject? parameters, string? description, FlowPlan plan, CancellationToken ct)
    {
        var (scope, radius) = calculator.Compute(plan);
        var now = Now;
        var row = new ChangeRow
        {
            Flow = flow,
            FlowVersion = plan.Version,
            Params = (parameters ?? []).ToJsonString(),
            Description = string.IsNullOrWhiteSpace(description) ? $"run of flow {flow} v{plan.Version}" : description.Trim(),
            Initiator = actor.Name,
            State = ChangeStates.Blocked,
            Scope = JsonSerializer.Serialize(scope, ChangeJson.Options),
            BlastRadius = JsonSerializer.Serialize(radius, ChangeJson.Options),
            Plan = JsonSerializer.Serialize(plan, ChangeJson.Options),
            CreatedAt = now,
            UpdatedAt = now,
        };
        row.Id = await store.Database.InTransactionAsync(async (connection, transaction) =>
        {
            var id = await ChangeStore.InsertAsync(connection, transaction, row, scope.Clusters, ct);
            await ChangeStore.InsertEventAsync(connection, transaction, id, now, "change.created",
                $"{actor.Name} asked for {row.Description} (flow {flow} v{plan.Version}) on {Describe(scope.Clusters)}: " +
                $"{radius.Pods} pod(s), {radius.Nodes} node(s), {radius.Workloads} workload(s){(radius.Estimated ? " (estimated)" : "")}", actor.Name, ct);
            await audit.AppendAsync(new AuditEntry(actor, "change.create", $"change/{id}", AuditOutcome.Success, new JsonObject
            {
                ["flow"] = flow,
                ["version"] = plan.Version,
                ["clusters"] = new JsonArray([.. scope.Clusters.Select(c => (JsonNode?)c)]),
                ["blastRadius"] = JsonSerializer.SerializeToNode(radius, ChangeJson.Options),
            }), connection, transaction, ct);
            return id;
        }, ct);
        return row;
    }

    /// <summary>
    /// Evaluates every rule for the change's start and records the outcome: admitted (its run may be
    /// created now), awaiting approval, or blocked — with the reason naming each rule that holds it.
    /// </summary>
    public async Task<ChangeRow> AdmitAsync(ChangeRow change, string actor, CancellationToken ct)
    {
        var evaluated = await evaluator.EvaluateAsync(change, ChangePhase.Start, null, ct);
        var (state, reason, checks) = Decide(change.Id, evaluated);
        var now = Now;
        await store.Database.InTransactionAsync(async (connection, transaction) =>
        {
            // Each try starts from the evaluation. A start the rules allowed takes its place under the
            // concurrency rules only here, serialized with every other admission.
            (state, reason, checks) = Decide(change.Id, evaluated);
            if (state == ChangeStates.Admitted && await evaluator.RecheckConcurrencyAsync(change, connection, transaction, ct) is { } late)
            {
                (state, reason, checks) = Decide(change.Id, [.. evaluated.Select(c => c.Rule == late.Rule ? late : c)]);
            }

            await ChangeStore.SetStateAsync(connection, transaction, change.Id, state, reason, JsonSerializer.Serialize(checks, ChangeJson.Options), now, ct);
            await ChangeStore.InsertEventAsync(connection, transaction, change.Id, now, state == ChangeStates.Admitted ? "change.admitted" : $"change.{state}",
                reason ?? $"every rule allows it ({checks.Count} checked)", actor, ct);
            await audit.AppendAsync(new AuditEntry(new AuditActor(actor, null), "change.evaluate", $"change/{change.Id}", AuditOutcome.Success, new JsonObject
            {
                ["state"] = state,
                ["reason"] = reason,
            }), connection, transaction, ct);
        }, ct);
        change.State = state;
        change.Reason = reason;
        change.Checks = JsonSerializer.Serialize(checks, ChangeJson.Options);
        return change;
    }

    private static (string State, string? Reason, List<ChangeCheck> Checks) Decide(long id, List<ChangeCheck> checks)
    {
        var blocking = checks.Where(c => c.Verdict == ChangeCheck.Block).ToList();
        var approvals = checks.Where(c => c.Verdict == ChangeCheck.NeedsApproval).ToList();
        var state = blocking.Count > 0 ? ChangeStates.Blocked : approvals.Count > 0 ? ChangeStates.AwaitingApproval : ChangeStates.Admitted;
        return (state, state == ChangeStates.Admitted ? null : Explain(id, state, [.. blocking, .. approvals]), checks);
    }

    /// <summary>Evaluates the rules for a wave of a started change; null when it may go, else why not (recorded).</summary>
    public async Task<string?> AdmitWaveAsync(ChangeRow change, ChangePhase phase, Flows.WaveAdmissionRequest wave, CancellationToken ct)
    {
        var checks = await evaluator.EvaluateAsync(change, phase, wave, ct);
        var holding = checks.Where(c => c.Holds).ToList();
        var label = $"wave {wave.Index + 1} of {wave.Count}{(wave.Cluster is { } c ? $" ({c})" : "")}";
        var message = holding.Count == 0
            ? $"{label}: {ChangeEvaluator.Phase(phase)} checks passed ({checks.Count})"
            : $"change {change.Id} {label} held at {ChangeEvaluator.Phase(phase)}: " + string.Join("; ", holding.Select(h => h.Message));
        var now = Now;
        await store.Database.InTransactionAsync(async (connection, transaction) =>
        {
            await ChangeStore.InsertEventAsync(connection, transaction, change.Id, now, holding.Count == 0 ? "wave.allowed" : "wave.blocked", message, null, ct);
            if (holding.Count > 0)
            {
                await ChangeStore.SetStateAsync(connection, transaction, change.Id, ChangeStates.Started, message, JsonSerializer.Serialize(checks, ChangeJson.Options), now, ct);
                await audit.AppendAsync(new AuditEntry(AuditActor.System, "change.wave.blocked", $"change/{change.Id}", AuditOutcome.Failed, new JsonObject { ["reason"] = message }), connection, transaction, ct);
            }
        }, ct);
        return holding.Count == 0 ? null : message;
    }

    /// <summary>The API's view of a change.</summary>
    public async Task<ChangeRecord> ToRecordAsync(ChangeRow row, bool detail, CancellationToken ct) => new()
    {
        Id = row.Id,
        Flow = row.Flow,
        FlowVersion = row.FlowVersion,
        Params = JsonNode.Parse(row.Params)!.AsObject(),
        Description = row.Description,
        Initiator = row.Initiator,
        State = row.State == ChangeStates.Started ? row.RunState ?? row.State : row.State,
        Reason = row.Reason,
        Run = row.RunId,
        Scope = JsonSerializer.Deserialize<ChangeScope>(row.Scope, ChangeJson.Options)!,
        BlastRadius = JsonSerializer.Deserialize<BlastRadius>(row.BlastRadius, ChangeJson.Options)!,
        Checks = JsonSerializer.Deserialize<List<ChangeCheck>>(row.Checks, ChangeJson.Options)!,
        Approvals = await store.ApprovalsAsync(row.Id, ct),
        Plan = detail ? JsonNode.Parse(row.Plan) : null,
        Events = detail ? await store.EventsAsync(row.Id, ct) : null,
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(row.UpdatedAt),
    };

    private static string Explain(long id, string state, IEnumerable<ChangeCheck> holding) =>
        $"change {id} is {(state == ChangeStates.Blocked ? "blocked" : "awaiting approval")}: " + string.Join("; ", holding.Select(h => h.Message));

    private static string Describe(IReadOnlyList<string> clusters) => clusters.Count == 0 ? "no cluster" : string.Join(", ", clusters);
}
