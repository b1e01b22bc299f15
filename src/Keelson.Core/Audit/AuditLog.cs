using System.Data.Common;
using System.Globalization;
using System.Text;
using Dapper;
using Keelson.Storage;

namespace Keelson.Core.Audit;

/// <summary>
/// Keelson's audit trail: an append-only, hash-chained table of every mutating call and every
/// login. Each record carries the hash of the one before, so a changed or deleted record shows
/// when the chain is verified. Thread-safe singleton.
/// </summary>
public sealed class AuditLog(KeelsonDatabase database, TimeProvider time)
{
    private const int VerifyBatch = 1000;

    // Rows per INSERT: 10 parameters each, well under SQLite's and PostgreSQL's parameter limits.
    private const int InsertBatch = 500;
    private const string Columns =
        "seq AS Sequence, at AS At, actor AS Actor, source_ip AS SourceIp, action AS Action, target AS Target, " +
        "outcome AS Outcome, details AS Details, prev_hash AS PreviousHash, hash AS Hash";

    /// <summary>Appends a record in a transaction of its own.</summary>
    public Task<AuditRecord> AppendAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        database.InTransactionAsync((connection, transaction) => AppendAsync(entry, connection, transaction, cancellationToken), cancellationToken);

    /// <summary>
    /// Appends a record inside the caller's transaction, so a change and its record commit (or
    /// vanish) together. Appends are serialized (PostgreSQL: a transaction-level advisory lock;
    /// SQLite: its single writer) from here until the transaction ends: append last, just before
    /// committing, to hold the chain for the shortest time.
    /// </summary>
    public async Task<AuditRecord> AppendAsync(AuditEntry entry, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return (await AppendAsync([entry], connection, transaction, cancellationToken))[0];
    }

    /// <summary>
    /// Appends several records, in order, inside the caller's transaction: one chain lock, one read
    /// of the chain's head and one INSERT for all of them (a busy writer's batch of changes costs
    /// three round trips, not three per record). Serialized as the single append is.
    /// </summary>
    public async Task<IReadOnlyList<AuditRecord>> AppendAsync(IReadOnlyList<AuditEntry> entries, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(connection);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry);
            ArgumentException.ThrowIfNullOrWhiteSpace(entry.Action);
            ArgumentNullException.ThrowIfNull(entry.Target);
        }

        if (entries.Count == 0)
        {
            return [];
        }

        if (database.Dialect == DatabaseDialect.Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKeys.AuditChain }, transaction, cancellationToken: cancellationToken));
        }

        var head = await connection.QuerySingleOrDefaultAsync<ChainHead>(new CommandDefinition(
            "SELECT seq AS Sequence, hash AS Hash FROM audit_log ORDER BY seq DESC LIMIT 1", transaction: transaction, cancellationToken: cancellationToken));
        var sequence = head?.Sequence ?? 0;
        var previous = head?.Hash ?? AuditHash.Genesis;
        var at = time.GetUtcNow().ToUnixTimeMilliseconds();
        var records = new List<AuditRecord>(entries.Count);
        foreach (var entry in entries)
        {
            sequence++;
            var outcome = OutcomeText(entry.Outcome);
            var details = AuditRedaction.Serialize(entry.Details);
            var hash = AuditHash.Compute(sequence, at, entry.Actor.Name, entry.Actor.SourceIp, entry.Action, entry.Target, outcome, details, previous);
            records.Add(new AuditRecord(sequence, DateTimeOffset.FromUnixTimeMilliseconds(at), entry.Actor.Name, entry.Actor.SourceIp, entry.Action, entry.Target, entry.Outcome, details, previous, hash));
            previous = hash;
        }

        foreach (var chunk in records.Chunk(InsertBatch))
        {
            var sql = new StringBuilder("INSERT INTO audit_log (seq, at, actor, source_ip, action, target, outcome, details, prev_hash, hash) VALUES ");
            var parameters = new DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
            {
                var r = chunk[i];
                sql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture,
                    $"(@s{i}, @at{i}, @actor{i}, @ip{i}, @action{i}, @target{i}, @outcome{i}, @details{i}, @prev{i}, @hash{i})");
                parameters.Add($"s{i}", r.Sequence);
                parameters.Add($"at{i}", at);
                parameters.Add($"actor{i}", r.Actor);
                parameters.Add($"ip{i}", r.SourceIp);
                parameters.Add($"action{i}", r.Action);
                parameters.Add($"target{i}", r.Target);
                parameters.Add($"outcome{i}", OutcomeText(r.Outcome));
                parameters.Add($"details{i}", r.Details);
                parameters.Add($"prev{i}", r.PreviousHash);
                parameters.Add($"hash{i}", r.Hash);
            }

            await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, transaction, cancellationToken: cancellationToken));
        }

        return records;
    }

    /// <summary>
    /// Walks the whole chain in order and reports the first record that was changed (its hash, or
    /// the next record's link to it, no longer matches) or removed (a gap in the sequence).
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        long checkedCount = 0;
        StoredRecord? previous = null;
        while (true)
        {
            var batch = (await connection.QueryAsync<StoredRecord>(new CommandDefinition(
                $"SELECT {Columns} FROM audit_log WHERE seq > @after ORDER BY seq LIMIT {VerifyBatch}",
                new { after = previous?.Sequence ?? 0 },
                cancellationToken: cancellationToken))).ToList();
            foreach (var record in batch)
            {
                var problem = Check(previous, record);
                if (problem is not null)
                {
                    return new AuditVerification(checkedCount, previous?.Sequence ?? 0, previous?.Hash ?? AuditHash.Genesis, problem);
                }

                checkedCount++;
                previous = record;
            }

            if (batch.Count < VerifyBatch)
            {
                return new AuditVerification(checkedCount, previous?.Sequence ?? 0, previous?.Hash ?? AuditHash.Genesis, null);
            }
        }
    }

    /// <summary>Reads one page of records matching <paramref name="query"/>, newest first.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is outside 1..<see cref="AuditQuery.MaxLimit"/>.</exception>
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > AuditQuery.MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, $"the audit page size must be between 1 and {AuditQuery.MaxLimit}");
        }

        var sql = new StringBuilder($"SELECT {Columns} FROM audit_log WHERE 1 = 1");
        var parameters = new DynamicParameters();
        void Filter(string condition, string name, object value)
        {
            sql.Append(" AND ").Append(condition);
            parameters.Add(name, value);
        }

        if (query.Before is { } before)
        {
            Filter("seq < @before", "before", before);
        }

        if (query.From is { } from)
        {
            Filter("at >= @from", "from", from.ToUnixTimeMilliseconds());
        }

        if (query.To is { } to)
        {
            Filter("at < @to", "to", to.ToUnixTimeMilliseconds());
        }

        if (query.Actor is not null)
        {
            Filter("actor = @actor", "actor", query.Actor);
        }

        if (query.Target is not null)
        {
            Filter("target = @target", "target", query.Target);
        }

        if (query.Action is not null)
        {
            Filter("action = @action", "action", query.Action);
        }

        if (query.Outcome is { } outcome)
        {
            Filter("outcome = @outcome", "outcome", OutcomeText(outcome));
        }

        // One more than asked tells whether another page exists.
        sql.Append(" ORDER BY seq DESC LIMIT ").Append(query.Limit + 1);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<StoredRecord>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken))).ToList();
        var records = rows.Take(query.Limit).Select(r => r.ToRecord()).ToList();
        return new AuditPage(records, rows.Count > query.Limit ? records[^1].Sequence : null);
    }

    internal static string OutcomeText(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Success => "success",
        AuditOutcome.Denied => "denied",
        AuditOutcome.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown audit outcome"),
    };

    private static AuditProblem? Check(StoredRecord? previous, StoredRecord record)
    {
        var expected = (previous?.Sequence ?? 0) + 1;
        if (record.Sequence != expected)
        {
            var after = previous is null ? "at the start of the log" : $"after record {previous.Sequence} ({Time(previous.At):O})";
            var range = record.Sequence - expected == 1 ? $"record {expected} is" : $"records {expected} to {record.Sequence - 1} are";
            return new AuditProblem(AuditProblemKind.Removed, expected, previous is null ? null : Time(previous.At),
                $"audit {range} missing {after}: the next record present is {record.Sequence} ({Time(record.At):O}). Records were deleted from audit_log.");
        }

        var recomputed = AuditHash.Compute(record.Sequence, record.At, record.Actor, record.SourceIp, record.Action, record.Target, record.Outcome, record.Details, record.PreviousHash);
        if (!string.Equals(recomputed, record.Hash, StringComparison.Ordinal))
        {
            return new AuditProblem(AuditProblemKind.Changed, record.Sequence, Time(record.At),
                $"audit record {record.Sequence} ({Time(record.At):O}, {record.Action} by {record.Actor}) was changed: its content no longer matches its hash.");
        }

        var link = previous?.Hash ?? AuditHash.Genesis;
        if (!string.Equals(link, record.PreviousHash, StringComparison.Ordinal))
        {
            return previous is null
                ? new AuditProblem(AuditProblemKind.Changed, record.Sequence, Time(record.At),
                    $"audit record {record.Sequence} ({Time(record.At):O}) should start the chain but links to an earlier record: records before it were removed and renumbered.")
                : new AuditProblem(AuditProblemKind.Changed, previous.Sequence, Time(previous.At),
                    $"audit record {previous.Sequence} ({Time(previous.At):O}, {previous.Action} by {previous.Actor}) was changed or replaced: " +
                    $"record {record.Sequence} no longer links to it.");
        }

        return null;
    }

    private static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static AuditOutcome ParseOutcome(string text) => text switch
    {
        "success" => AuditOutcome.Success,
        "denied" => AuditOutcome.Denied,
        _ => AuditOutcome.Failed,
    };

    private sealed record ChainHead(long Sequence, string Hash);

    private sealed record StoredRecord(long Sequence, long At, string Actor, string? SourceIp, string Action, string Target, string Outcome, string? Details, string PreviousHash, string Hash)
    {
        public AuditRecord ToRecord() =>
            new(Sequence, Time(At), Actor, SourceIp, Action, Target, ParseOutcome(Outcome), Details, PreviousHash, Hash);
    }
}
