using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Keelson.Core.Audit;
using Keelson.Storage;

namespace Keelson.Core.Changes;

/// <summary>The rule library: rule files applied as new versions of each rule (when it changed), read back by name and version.</summary>
public sealed class ChangeRules
{
    private readonly ChangeStore _store;
    private readonly AuditedChange _audited;
    private readonly TimeProvider _time;

    internal ChangeRules(ChangeStore store, AuditLog audit, TimeProvider time)
    {
        _store = store;
        _audited = new AuditedChange(store.Database, audit);
        _time = time;
    }

    /// <summary>Validates a rule file and stores each rule that changed as its next version, all in one transaction.</summary>
    /// <param name="actor">Who applies it.</param>
    /// <param name="text">The YAML (or JSON).</param>
    /// <param name="source">The file name, for error messages.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ChangeRuleException">The file is invalid; every problem is listed with file, line, rule and field, and nothing is applied.</exception>
    public async Task<IReadOnlyList<ChangeRuleApplyResult>> ApplyAsync(AuditActor actor, string text, string source, CancellationToken cancellationToken)
    {
        var entry = new AuditEntry(actor, "rule.apply", $"rules/{source}", AuditOutcome.Success, []);
        try
        {
            return await _audited.RunAsync(entry, async (connection, transaction) =>
            {
                var rules = ChangeRuleReader.Parse(text, source);
                var results = new List<ChangeRuleApplyResult>();
                foreach (var rule in rules)
                {
                    results.Add(await StoreAsync(connection, transaction, actor, rule, text, cancellationToken));
                }

                entry.Details!["rules"] = new JsonArray([.. results.Select(r => (JsonNode?)new JsonObject { ["name"] = r.Name, ["version"] = r.Version, ["created"] = r.Created })]);
                return results;
            }, cancellationToken);
        }
        catch (DbException e) when (KeelsonDatabase.IsUniqueViolation(e))
        {
            throw new ChangeException(ChangeErrorKind.Conflict, "someone applied the same rules at the same moment; list them (keelson rule list) and apply again");
        }
    }

    /// <summary>The latest version of every rule, by name.</summary>
    public async Task<IReadOnlyList<ChangeRuleVersion>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await _store.LatestRulesAsync(cancellationToken)).Select(ToVersion)];

    /// <summary>A rule's version (the latest when <paramref name="version"/> is null), or null.</summary>
    public async Task<ChangeRuleVersion?> GetAsync(string name, int? version, CancellationToken cancellationToken) =>
        await _store.RuleAsync(name, version, cancellationToken) is { } row ? ToVersion(row) : null;

    /// <summary>Every version of a rule, newest first.</summary>
    public async Task<IReadOnlyList<ChangeRuleVersion>> VersionsAsync(string name, CancellationToken cancellationToken) =>
        [.. (await _store.RuleVersionsAsync(name, cancellationToken)).Select(ToVersion)];

    private async Task<ChangeRuleApplyResult> StoreAsync(DbConnection connection, DbTransaction transaction, AuditActor actor, ChangeRule rule, string source, CancellationToken ct)
    {
        var json = ChangeRuleReader.ToJson(rule);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var latest = await ChangeStore.RuleAsync(connection, transaction, rule.Name, null, ct);
        if (latest is not null && latest.Digest == digest)
        {
            return new ChangeRuleApplyResult(rule.Name, latest.Version, false);
        }

        var row = new ChangeStore.RuleRow
        {
            Name = rule.Name,
            Version = (latest?.Version ?? 0) + 1,
            Kind = ChangeRuleKindName(rule.Kind),
            Definition = json,
            Source = source,
            Digest = digest,
            CreatedAt = _time.GetUtcNow().ToUnixTimeMilliseconds(),
            CreatedBy = actor.Name,
        };
        await ChangeStore.InsertRuleAsync(connection, transaction, row, ct);
        return new ChangeRuleApplyResult(rule.Name, row.Version, true);
    }

    private static string ChangeRuleKindName(ChangeRuleKind kind) => kind.ToString().ToLowerInvariant();

    private static ChangeRuleVersion ToVersion(ChangeStore.RuleRow row) => new(
        row.Name,
        row.Version,
        ChangeRuleReader.FromJson(row.Definition, $"rule {row.Name} version {row.Version}"),
        row.Source,
        DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt),
        row.CreatedBy);
}
