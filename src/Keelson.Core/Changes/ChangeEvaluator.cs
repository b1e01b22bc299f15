using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Keelson.Core.Access;
using Keelson.Core.Flows;
using Keelson.Kubernetes.Selectors;
using Keelson.Kubernetes.Yaml;
using Keelson.Storage;

namespace Keelson.Core.Changes;

/// <summary>
/// Asks every rule of the library about a change at one point (its start, before or after a wave).
/// A rule applies when its cluster selector matches a cluster the change (or the wave) touches.
/// </summary>
internal sealed class ChangeEvaluator(ChangeStore store, ChangeWebhooks webhooks, TimeProvider time)
{
    private static readonly TimeSpan DefaultApprovalLifetime = TimeSpan.FromHours(24);

    public async Task<List<ChangeCheck>> EvaluateAsync(ChangeRow change, ChangePhase phase, WaveAdmissionRequest? wave, CancellationToken ct)
    {
        var scope = JsonSerializer.Deserialize<ChangeScope>(change.Scope, ChangeJson.Options)!;
        var radius = JsonSerializer.Deserialize<BlastRadius>(change.BlastRadius, ChangeJson.Options)!;
        var clusters = wave?.Cluster is { } waveCluster && scope.Clusters.Contains(waveCluster) ? [waveCluster] : scope.Clusters;
        var now = time.GetUtcNow();
        var checks = new List<ChangeCheck>();
        foreach (var (row, rule, matching) in await ApplicableAsync(clusters, ct))
        {
            ChangeCheck Verdict(string verdict, string message) => new(rule.Name, row.Version, rule.Kind, verdict, message);
            switch (rule.Kind)
            {
                case ChangeRuleKind.Freeze when phase != ChangePhase.AfterWave:
                    checks.Add(Freeze(change, rule, now, Verdict));
                    break;
                case ChangeRuleKind.Approval when phase == ChangePhase.Start:
                    if (await ApprovalAsync(change, rule, radius, matching, now, Verdict, ct) is { } approval)
                    {
                        checks.Add(approval);
                    }

                    break;
                case ChangeRuleKind.Concurrency when phase != ChangePhase.AfterWave:
                    checks.Add(await ConcurrencyAsync(change, rule, matching, Verdict, cluster => store.InProgressAsync(cluster, change.Id, ct)));
                    break;
                case ChangeRuleKind.Webhook:
                    var body = Body(change, scope, radius, phase, wave, rule);
                    checks.Add(await webhooks.AskAsync(rule, body, ct) is { } denied
                        ? Verdict(ChangeCheck.Block, denied)
                        : Verdict(ChangeCheck.Allow, $"webhook '{rule.Name}' allowed ({Phase(phase)})"));
                    break;
            }
        }

        return checks;
    }

    /// <summary>
    /// Checks the concurrency rules again inside the transaction that admits the change, serialized
    /// with every other admission (PostgreSQL: a transaction-level advisory lock; SQLite: its single
    /// writer): two changes evaluated at the same instant, on one replica or two, cannot both take
    /// the last place. Returns the first rule that now blocks, or null.
    /// </summary>
    public async Task<ChangeCheck?> RecheckConcurrencyAsync(ChangeRow change, DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var scope = JsonSerializer.Deserialize<ChangeScope>(change.Scope, ChangeJson.Options)!;
        var locked = false;
        foreach (var (row, rule, matching) in await ApplicableAsync(scope.Clusters, ct))
        {
            if (rule.Kind != ChangeRuleKind.Concurrency)
            {
                continue;
            }

            if (!locked && store.Database.Dialect == DatabaseDialect.Postgres)
            {
                await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKeys.ChangeAdmission }, transaction, cancellationToken: ct));
                locked = true;
            }

            var check = await ConcurrencyAsync(change, rule, matching, (verdict, message) => new ChangeCheck(rule.Name, row.Version, rule.Kind, verdict, message),
                cluster => ChangeStore.InProgressAsync(connection, transaction, cluster, change.Id, ct));
            if (check.Holds)
            {
                return check;
            }
        }

        return null;
    }

    /// <summary>Approvals that count now for a rule wanting <paramref name="role"/>.</summary>
    public static int Valid(IEnumerable<ChangeApproval> approvals, Role role, DateTimeOffset now) =>
        approvals.Where(a => a.ExpiresAt > now && Roles.Parse(a.Role) >= role).Select(a => a.Approver).Distinct(StringComparer.Ordinal).Count();

    public static TimeSpan Lifetime(ChangeRule rule) =>
        rule.ExpiresAfter is { } text && GoDuration.TryParse(text, out var lifetime) ? lifetime : DefaultApprovalLifetime;

    public static string Phase(ChangePhase phase) => phase switch
    {
        ChangePhase.Start => "start",
        ChangePhase.BeforeWave => "before-wave",
        _ => "after-wave",
    };

    private static ChangeCheck Freeze(ChangeRow change, ChangeRule rule, DateTimeOffset now, Func<string, string, ChangeCheck> verdict)
    {
        var zone = rule.TimeZone ?? "UTC";
        if (FreezeCalendar.FrozenUntil(rule, now) is not { } until)
        {
            return verdict(ChangeCheck.Allow, $"outside freeze window '{rule.Name}' ({zone})");
        }

        var today = FreezeCalendar.LocalDate(rule, now);
        var exception = (rule.Exceptions ?? []).FirstOrDefault(e =>
            (e.Date is null || ChangeRuleReader.Date(e.Date) == today) &&
            (e.Change is null || e.Change == change.Id) &&
            (e.Flow is null || e.Flow == change.Flow));
        if (exception is not null)
        {
            return verdict(ChangeCheck.Allow, $"freeze window '{rule.Name}' ({zone}) holds until {FreezeCalendar.Format(until)}, but an exception lets this change through" +
                (exception.Reason is { } why ? $": {why}" : ""));
        }

        return verdict(ChangeCheck.Block, $"freeze window '{rule.Name}' ({zone}) until {FreezeCalendar.Format(until)}; " +
            $"ask an admin for an exception (add '- change: {change.Id}' under exceptions of rule {rule.Name} and apply it) or wait");
    }

    private async Task<ChangeCheck?> ApprovalAsync(ChangeRow change, ChangeRule rule, BlastRadius radius, List<string> matching, DateTimeOffset now, Func<string, string, ChangeCheck> verdict, CancellationToken ct)
    {
        string why;
        if (rule.Above is { } above)
        {
            if (above.Exceeded(radius) is not { } exceeded)
            {
                return null;
            }

            why = $"its blast radius is above the threshold ({exceeded})";
        }
        else
        {
            why = rule.Clusters is null ? "every change needs it" : $"it touches {string.Join(", ", matching)} ({rule.Clusters})";
        }

        var role = Roles.Parse(rule.Role ?? "admin");
        var needed = rule.Approvals ?? 1;
        var approvals = await store.ApprovalsAsync(change.Id, ct);
        var valid = Valid(approvals, role, now);
        var expired = approvals.Count(a => a.ExpiresAt <= now);
        if (valid >= needed)
        {
            return verdict(ChangeCheck.Allow, $"approved as rule '{rule.Name}' asks ({valid} of {needed} approvals by users with {Roles.Name(role)})");
        }

        return verdict(ChangeCheck.NeedsApproval,
            $"approval required by rule '{rule.Name}' because {why}: {valid} of {needed} approval(s) by a user with {Roles.Name(role)} on {string.Join(", ", matching)}" +
            (expired > 0 ? $" ({expired} expired)" : "") +
            $"; ask one (not {change.Initiator}, who initiated it) to run: keelson change approve {change.Id} --reason \"...\"");
    }

    /// <summary>The latest version of each rule whose cluster selector matches one of <paramref name="clusters"/>, with the clusters it matches.</summary>
    private async Task<List<(ChangeStore.RuleRow Row, ChangeRule Rule, List<string> Matching)>> ApplicableAsync(IReadOnlyList<string> clusters, CancellationToken ct)
    {
        var tags = await store.ClusterTagsAsync(ct);
        var applicable = new List<(ChangeStore.RuleRow, ChangeRule, List<string>)>();
        foreach (var row in await store.LatestRulesAsync(ct))
        {
            var rule = ChangeRuleReader.FromJson(row.Definition, $"rule {row.Name} v{row.Version}");
            var matcher = rule.Clusters is null ? LabelMatcher.Everything : LabelMatcher.Parse(rule.Clusters);
            var matching = clusters.Where(c => matcher.Matches(tags.GetValueOrDefault(c) ?? new Dictionary<string, string>())).ToList();
            if (matching.Count > 0)
            {
                applicable.Add((row, rule, matching));
            }
        }

        return applicable;
    }

    private static async Task<ChangeCheck> ConcurrencyAsync(ChangeRow change, ChangeRule rule, List<string> matching, Func<string, string, ChangeCheck> verdict, Func<string, Task<IReadOnlyList<long>>> inProgress)
    {
        foreach (var cluster in matching)
        {
            var others = await inProgress(cluster);
            if (others.Count >= rule.Limit)
            {
                return verdict(ChangeCheck.Block,
                    $"concurrency limit '{rule.Name}': cluster {cluster} already has {others.Count} change(s) in progress (limit {rule.Limit}: change {string.Join(", change ", others)}); " +
                    $"wait for {(others.Count == 1 ? "it" : "one")} to finish (keelson change get {others[0]}), then start this change again (keelson change start {change.Id})");
            }
        }

        return verdict(ChangeCheck.Allow, $"within concurrency limit '{rule.Name}' ({rule.Limit} per cluster)");
    }

    private static JsonObject Body(ChangeRow change, ChangeScope scope, BlastRadius radius, ChangePhase phase, WaveAdmissionRequest? wave, ChangeRule rule) => new()
    {
        ["phase"] = Phase(phase),
        ["rule"] = rule.Name,
        ["change"] = new JsonObject
        {
            ["id"] = change.Id,
            ["flow"] = change.Flow,
            ["flowVersion"] = change.FlowVersion,
            ["params"] = JsonNode.Parse(change.Params),
            ["description"] = change.Description,
            ["initiator"] = change.Initiator,
            ["run"] = change.RunId,
            ["scope"] = JsonSerializer.SerializeToNode(scope, ChangeJson.Options),
            ["blastRadius"] = JsonSerializer.SerializeToNode(radius, ChangeJson.Options),
        },
        ["wave"] = wave is null ? null : new JsonObject
        {
            ["task"] = wave.Task,
            ["number"] = wave.Index + 1,
            ["of"] = wave.Count,
            ["cluster"] = wave.Cluster,
            ["item"] = wave.Item?.DeepClone(),
        },
    };
}
