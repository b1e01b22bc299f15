using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Core.Access;
using Keelson.Core.Audit;
using Keelson.Core.Flows;
using Keelson.Core.Flows.Runs;

namespace Keelson.Core.Changes;

/// <summary>
/// What the REST API and the CLI do with changes: ask for one (recorded, evaluated, started when the
/// rules allow), list and read them, approve them, and start a held one again.
/// </summary>
public sealed class ChangeService
{
    private readonly ChangeControl _control;
    private readonly FlowService _flows;
    private readonly AccessAuthorizer _access;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;

    internal ChangeService(ChangeControl control, FlowService flows, AccessAuthorizer access, AuditLog audit, TimeProvider time)
    {
        _control = control;
        _flows = flows;
        _access = access;
        _audit = audit;
        _time = time;
    }

    /// <summary>
    /// Records a change (plan, scope, blast radius), evaluates the rules and starts its run when they
    /// allow it; otherwise the change is kept blocked or awaiting approval, its reason naming each rule.
    /// </summary>
    /// <param name="actor">Who asks for it.</param>
    /// <param name="request">The flow, its parameters and what the change is for.</param>
    /// <param name="authorize">Called with the clusters the plan touches before anything is recorded (throws to refuse).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="FlowException">No such flow, or wrong parameters.</exception>
    public async Task<ChangeRecord> CreateAsync(AuditActor actor, ChangeRequest request, Func<IReadOnlyList<string>, Task> authorize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authorize);
        var plan = await _flows.PlanAsync(request.Flow, request.Version, request.Params, cancellationToken);
        await authorize([.. plan.Clusters.Where(c => c.Cluster is not null).Select(c => c.Cluster!)]);
        var change = await _control.RecordAsync(actor, request.Flow, request.Params, request.Description, plan, cancellationToken);
        return await AdmitAndStartAsync(actor, change, cancellationToken);
    }

    /// <summary>Evaluates a held change again and starts it when the rules now allow it.</summary>
    /// <exception cref="ChangeException">No such change, or it has started already.</exception>
    public async Task<ChangeRecord> StartAsync(AuditActor actor, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var change = await FindAsync(id, cancellationToken);
        if (change.State is ChangeStates.Started or ChangeStates.Admitted)
        {
            throw new ChangeException(ChangeErrorKind.Conflict, $"change {id} has started already (run {change.RunId}); see keelson change get {id}");
        }

        return await AdmitAndStartAsync(actor, change, cancellationToken);
    }

    /// <summary>
    /// Approves a change as a user holding the role its approval rules ask for on each of its clusters
    /// (never its initiator); the approval counts until the rule's expiry. When no rule holds the change
    /// any more, it starts.
    /// </summary>
    /// <exception cref="ChangeException">No such change, no reason, a started change, or the initiator approving.</exception>
    /// <exception cref="ForbiddenException">The approver lacks the role on a cluster of the change.</exception>
    public async Task<ChangeRecord> ApproveAsync(AuditActor actor, long id, string? reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var change = await FindAsync(id, cancellationToken);
        var entry = new AuditEntry(actor, "change.approve", $"change/{id}", AuditOutcome.Success, new JsonObject { ["reason"] = reason });
        try
        {
            if (string.IsNullOrWhiteSpace(reason))
            {
                throw new ChangeException(ChangeErrorKind.Invalid, $"an approval needs a reason: keelson change approve {id} --reason \"...\"");
            }

            if (change.State is ChangeStates.Started or ChangeStates.Admitted)
            {
                throw new ChangeException(ChangeErrorKind.Conflict, $"change {id} has started already (run {change.RunId}); there is nothing to approve");
            }

            if (string.Equals(AccessNames.Normalize(actor.Name), AccessNames.Normalize(change.Initiator), StringComparison.Ordinal))
            {
                throw new ChangeException(ChangeErrorKind.Forbidden, $"{actor.Name} initiated change {id} and cannot approve it; ask another user with the required role");
            }

            // The rules that asked for approval at the last evaluation decide the role and the expiry.
            var asking = System.Text.Json.JsonSerializer.Deserialize<List<ChangeCheck>>(change.Checks, ChangeJson.Options)!
                .Where(c => c.Kind == ChangeRuleKind.Approval).Select(c => c.Rule).ToHashSet(StringComparer.Ordinal);
            var rules = (await ApprovalRulesAsync(cancellationToken)).Where(r => asking.Count == 0 || asking.Contains(r.Name)).ToList();
            var role = rules.Count == 0 ? Role.Admin : rules.Max(r => Roles.Parse(r.Role ?? "admin"));
            var lifetime = rules.Count == 0 ? TimeSpan.FromHours(24) : rules.Min(ChangeEvaluator.Lifetime);
            var scope = (await _control.ToRecordAsync(change, detail: false, cancellationToken)).Scope;
            var tags = await _control.Store.ClusterTagsAsync(cancellationToken);
            var access = await _access.GetAccessAsync(actor.Name, cancellationToken);
            foreach (var cluster in scope.Clusters)
            {
                var decision = access.Authorize(role, new ClusterTarget(cluster, tags.GetValueOrDefault(cluster) ?? new Dictionary<string, string>()));
                if (!decision.IsAllowed)
                {
                    throw new ForbiddenException($"{decision.Reason} to approve change {id}");
                }
            }

            var now = _time.GetUtcNow();
            var approval = new ChangeApproval(actor.Name, Roles.Name(role), reason.Trim(), now, now + lifetime);
            await _control.Store.Database.InTransactionAsync(async (connection, transaction) =>
            {
                await ChangeStore.InsertApprovalAsync(connection, transaction, id, approval, cancellationToken);
                await ChangeStore.InsertEventAsync(connection, transaction, id, now.ToUnixTimeMilliseconds(), "change.approved",
                    $"{actor.Name} ({Roles.Name(role)}) approved until {approval.ExpiresAt:O}: {approval.Reason}", actor.Name, cancellationToken);
                entry.Details!["role"] = approval.Role;
                entry.Details["expiresAt"] = approval.ExpiresAt.ToString("O", CultureInfo.InvariantCulture);
                await _audit.AppendAsync(entry, connection, transaction, cancellationToken);
            }, cancellationToken);
        }
        catch (Exception e) when (e is ChangeException or ForbiddenException)
        {
            entry.Details!["error"] = e.Message;
            await _audit.AppendAsync(entry with { Outcome = AuditOutcome.Failed }, cancellationToken);
            throw;
        }

        return await AdmitAndStartAsync(actor, change, cancellationToken);
    }

    /// <summary>One change with its plan and history, or null.</summary>
    public async Task<ChangeRecord?> GetAsync(long id, CancellationToken cancellationToken) =>
        await _control.Store.GetAsync(id, cancellationToken) is { } row ? await _control.ToRecordAsync(row, detail: true, cancellationToken) : null;

    /// <summary>One page of changes, newest first.</summary>
    /// <exception cref="ChangeException">A limit out of range or a continue token this API did not give.</exception>
    public async Task<Api.Page<ChangeRecord>> ListAsync(ChangeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > ChangeQuery.MaxLimit)
        {
            throw new ChangeException(ChangeErrorKind.Invalid, $"limit must be between 1 and {ChangeQuery.MaxLimit}, not {query.Limit}");
        }

        long? before = null;
        if (query.Continue is { } token)
        {
            before = Decode(token) ?? throw new ChangeException(ChangeErrorKind.Invalid, "continue: not a token this API gave; start the list again without it");
        }

        var rows = await _control.Store.ListAsync(query, before, query.Limit + 1, cancellationToken);
        var items = new List<ChangeRecord>();
        foreach (var row in rows.Take(query.Limit))
        {
            items.Add(await _control.ToRecordAsync(row, detail: false, cancellationToken));
        }

        return new Api.Page<ChangeRecord>(items, rows.Count > query.Limit ? Encode(items[^1].Id) : null);
    }

    private async Task<ChangeRecord> AdmitAndStartAsync(AuditActor actor, ChangeRow change, CancellationToken cancellationToken)
    {
        var admitted = await _control.AdmitAsync(change, actor.Name, cancellationToken);
        if (admitted.State == ChangeStates.Admitted)
        {
            var parameters = System.Text.Json.Nodes.JsonNode.Parse(change.Params)!.AsObject();
            await _flows.StartAsync(actor, new FlowRunRequest { Flow = change.Flow, Version = change.FlowVersion, Params = parameters, Change = change.Id }, cancellationToken);
        }

        return (await GetAsync(change.Id, cancellationToken))!;
    }

    private async Task<ChangeRow> FindAsync(long id, CancellationToken cancellationToken) =>
        await _control.Store.GetAsync(id, cancellationToken) ?? throw new ChangeException(ChangeErrorKind.NotFound, $"no change has id {id} (keelson change list shows them)");

    private async Task<List<ChangeRule>> ApprovalRulesAsync(CancellationToken cancellationToken) =>
        [.. (await _control.Store.LatestRulesAsync(cancellationToken))
            .Where(r => r.Kind == "approval")
            .Select(r => ChangeRuleReader.FromJson(r.Definition, r.Name))];

    private static string Encode(long id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"change:{id.ToString(CultureInfo.InvariantCulture)}"));

    private static long? Decode(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("change:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
