using System.Data.Common;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Keelson.Core.Audit;
using Keelson.Core.Protection;
using Keelson.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace Keelson.Core.Clusters;

/// <summary>
/// The clusters Keelson manages. Adding one proves the credentials work (version, node count);
/// credentials are encrypted with Data Protection before they reach the database and are
/// never returned. Every change is audited in the same transaction.
/// </summary>
public sealed partial class ClusterRegistry
{
    private const string Columns = "name, server, tags, kubernetes_version AS KubernetesVersion, node_count AS NodeCount, created_at AS CreatedAt, created_by AS CreatedBy, updated_at AS UpdatedAt";

    private readonly KeelsonDatabase _database;
    private readonly IDataProtector _protector;
    private readonly AuditedChange _change;
    private readonly TimeProvider _time;

    /// <summary>Creates the registry.</summary>
    public ClusterRegistry(KeelsonDatabase database, IDataProtectionProvider protection, AuditLog audit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(protection);
        _database = database;
        _protector = protection.CreateProtector(ProtectionPurposes.ClusterCredentials);
        _change = new AuditedChange(database, audit);
        _time = time;
    }

    /// <summary>Raised after a cluster is added, changed or removed by this process.</summary>
    public event Action<ClusterChange>? Changed;

    /// <summary>Registers a cluster after connecting to it once.</summary>
    /// <exception cref="ClusterException">Invalid input, a taken name, or a cluster that cannot be reached with these credentials.</exception>
    public async Task<ClusterRecord> AddAsync(AuditActor actor, ClusterRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var entry = new AuditEntry(actor, "cluster.add", $"cluster/{registration.Name}", AuditOutcome.Success);
        return await _change.RunAsync(entry, async (connection, transaction) =>
        {
            CheckName(registration.Name);
            CheckTags(registration.Name, registration.Tags);
            var stored = ClusterCredentials.Normalize(registration);
            var options = ClusterCredentials.Load(registration.Name, stored);
            if (await ExistsAsync(connection, transaction, registration.Name, cancellationToken))
            {
                throw new ClusterException(ClusterErrorKind.Conflict, $"cluster \"{registration.Name}\" is already registered; remove it first or pick another name");
            }

            var (version, nodes) = await ClusterConnector.CheckAsync(registration.Name, options, cancellationToken);
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO clusters (name, server, tags, credentials, kubernetes_version, node_count, created_at, created_by, updated_at) " +
                "VALUES (@name, @server, @tags, @credentials, @version, @nodes, @now, @by, @now)",
                new
                {
                    name = registration.Name,
                    server = options.Server.AbsoluteUri.TrimEnd('/'),
                    tags = JsonSerializer.Serialize(registration.Tags),
                    credentials = _protector.Protect(Encoding.UTF8.GetBytes(stored)),
                    version,
                    nodes,
                    now,
                    by = actor.Name,
                },
                transaction,
                cancellationToken: cancellationToken));
            return (await GetAsync(connection, transaction, registration.Name, cancellationToken))!;
        }, cancellationToken).ContinueWithChange(this, registration.Name, removed: false);
    }

    /// <summary>All registered clusters, by name.</summary>
    public async Task<IReadOnlyList<ClusterRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ClusterRow>(new CommandDefinition($"SELECT {Columns} FROM clusters ORDER BY name", cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }

    /// <summary>One cluster, or null.</summary>
    public async Task<ClusterRecord?> GetAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, name, cancellationToken);
    }

    /// <summary>Sets tags (a null value removes the tag), leaving the others.</summary>
    /// <exception cref="ClusterException">NotFound, or Invalid tags.</exception>
    public Task<ClusterRecord> TagAsync(AuditActor actor, string name, IReadOnlyDictionary<string, string?> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var details = new System.Text.Json.Nodes.JsonObject([.. changes.Select(c => KeyValuePair.Create(c.Key, (System.Text.Json.Nodes.JsonNode?)c.Value))]);
        var entry = new AuditEntry(actor, "cluster.tag", $"cluster/{name}", AuditOutcome.Success, details);
        return _change.RunAsync(entry, async (connection, transaction) =>
        {
            var current = await GetAsync(connection, transaction, name, cancellationToken) ?? throw NotFound(name);
            var tags = new Dictionary<string, string>(current.Tags, StringComparer.Ordinal);
            foreach (var (key, value) in changes)
            {
                if (value is null)
                {
                    tags.Remove(key);
                }
                else
                {
                    tags[key] = value;
                }
            }

            CheckTags(name, tags);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE clusters SET tags = @tags, updated_at = @now WHERE name = @name",
                new { name, tags = JsonSerializer.Serialize(tags), now = _time.GetUtcNow().ToUnixTimeMilliseconds() },
                transaction,
                cancellationToken: cancellationToken));
            return (await GetAsync(connection, transaction, name, cancellationToken))!;
        }, cancellationToken).ContinueWithChange(this, name, removed: false);
    }

    /// <summary>Replaces a cluster's credentials after proving the new ones work.</summary>
    /// <exception cref="ClusterException">NotFound, Invalid, or Unreachable with the new credentials.</exception>
    public Task<ClusterRecord> RotateCredentialsAsync(AuditActor actor, ClusterRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var entry = new AuditEntry(actor, "cluster.rotate-credentials", $"cluster/{registration.Name}", AuditOutcome.Success);
        return _change.RunAsync(entry, async (connection, transaction) =>
        {
            _ = await GetAsync(connection, transaction, registration.Name, cancellationToken) ?? throw NotFound(registration.Name);
            var stored = ClusterCredentials.Normalize(registration);
            var options = ClusterCredentials.Load(registration.Name, stored);
            var (version, nodes) = await ClusterConnector.CheckAsync(registration.Name, options, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE clusters SET server = @server, credentials = @credentials, kubernetes_version = @version, node_count = @nodes, updated_at = @now WHERE name = @name",
                new
                {
                    name = registration.Name,
                    server = options.Server.AbsoluteUri.TrimEnd('/'),
                    credentials = _protector.Protect(Encoding.UTF8.GetBytes(stored)),
                    version,
                    nodes,
                    now = _time.GetUtcNow().ToUnixTimeMilliseconds(),
                },
                transaction,
                cancellationToken: cancellationToken));
            return (await GetAsync(connection, transaction, registration.Name, cancellationToken))!;
        }, cancellationToken).ContinueWithChange(this, registration.Name, removed: false);
    }

    /// <summary>Forgets a cluster and its credentials.</summary>
    /// <exception cref="ClusterException">NotFound.</exception>
    public Task RemoveAsync(AuditActor actor, string name, CancellationToken cancellationToken)
    {
        var entry = new AuditEntry(actor, "cluster.remove", $"cluster/{name}", AuditOutcome.Success);
        return _change.RunAsync(entry, async (connection, transaction) =>
        {
            var removed = await connection.ExecuteAsync(new CommandDefinition("DELETE FROM clusters WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken));
            return removed == 0 ? throw NotFound(name) : true;
        }, cancellationToken).ContinueWithChange(this, name, removed: true);
    }

    /// <summary>The decrypted credentials in their stored form (a single-context kubeconfig), for building a client.</summary>
    /// <exception cref="ClusterException">NotFound.</exception>
    internal async Task<string> CredentialsAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        var cipher = await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(
            "SELECT credentials FROM clusters WHERE name = @name", new { name }, cancellationToken: cancellationToken)) ?? throw NotFound(name);
        return Encoding.UTF8.GetString(_protector.Unprotect(cipher));
    }

    internal void Raise(ClusterChange change) => Changed?.Invoke(change);

    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction transaction, string name, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM clusters WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken)) > 0;

    private static async Task<ClusterRecord?> GetAsync(DbConnection connection, DbTransaction? transaction, string name, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<ClusterRow>(new CommandDefinition(
            $"SELECT {Columns} FROM clusters WHERE name = @name", new { name }, transaction, cancellationToken: cancellationToken)))?.ToRecord();

    private static void CheckName(string name)
    {
        if (!DnsLabel().IsMatch(name ?? ""))
        {
            throw new ClusterException(ClusterErrorKind.Invalid, $"\"{name}\" is not a valid cluster name: use lower-case letters, digits and '-', at most 63 characters, starting and ending with a letter or digit");
        }
    }

    private static void CheckTags(string name, IReadOnlyDictionary<string, string> tags)
    {
        if (ClusterTags.Problem(tags) is { } problem)
        {
            throw new ClusterException(ClusterErrorKind.Invalid, $"cluster \"{name}\": {problem}");
        }
    }

    private static ClusterException NotFound(string name) =>
        new(ClusterErrorKind.NotFound, $"no cluster \"{name}\" is registered (keelson cluster list shows them)");

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    /// <summary>A row as Dapper reads it; properties (not a constructor) so SQLite's and PostgreSQL's integer types both map.</summary>
    private sealed class ClusterRow
    {
        public string Name { get; set; } = "";

        public string Server { get; set; } = "";

        public string Tags { get; set; } = "{}";

        public string? KubernetesVersion { get; set; }

        public long? NodeCount { get; set; }

        public long CreatedAt { get; set; }

        public string CreatedBy { get; set; } = "";

        public long UpdatedAt { get; set; }

        public ClusterRecord ToRecord() => new(
            Name,
            Server,
            JsonSerializer.Deserialize<Dictionary<string, string>>(Tags) ?? [],
            KubernetesVersion,
            NodeCount is long n ? (int)n : null,
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            CreatedBy,
            DateTimeOffset.FromUnixTimeMilliseconds(UpdatedAt));
    }
}
