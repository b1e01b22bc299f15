using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using Keelson.Core.Audit;
using Keelson.Core.Tests.Access;
using Keelson.Storage;

namespace Keelson.Core.Tests.Audit;

public sealed class AuditLogTests
{
    private static readonly AuditActor Alice = new("alice", "192.0.2.1");

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Append_ChainsEveryRecordToTheOneBefore(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);

        var records = new List<AuditRecord>();
        foreach (var target in new[] { "cluster/a", "cluster/b", "cluster/c" })
        {
            records.Add(await h.Audit.AppendAsync(new AuditEntry(Alice, "cluster.add", target, AuditOutcome.Success), CancellationToken.None));
        }

        Assert.Equal([1L, 2L, 3L], records.Select(r => r.Sequence));
        Assert.Equal(new string('0', 64), records[0].PreviousHash);
        Assert.Equal(records[0].Hash, records[1].PreviousHash);
        Assert.Equal(records[1].Hash, records[2].PreviousHash);
        var verification = await h.Audit.VerifyAsync(CancellationToken.None);
        Assert.True(verification.IsIntact);
        Assert.Equal((3L, 3L, records[2].Hash), (verification.RecordsChecked, verification.HeadSequence, verification.HeadHash));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task AppendMany_InOneTransaction_ChainsThemInOrderAfterTheHead(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        var first = await h.Audit.AppendAsync(new AuditEntry(Alice, "cluster.add", "cluster/a", AuditOutcome.Success), CancellationToken.None);

        var entries = Enumerable.Range(0, 3).Select(i => new AuditEntry(Alice, "flow.task.succeed", $"run/1/t{i}", AuditOutcome.Success, new JsonObject { ["attempt"] = i })).ToList();
        var records = await h.Database.InTransactionAsync((connection, transaction) => h.Audit.AppendAsync(entries, connection, transaction, CancellationToken.None), CancellationToken.None);

        Assert.Equal([2L, 3L, 4L], records.Select(r => r.Sequence));
        Assert.Equal(["run/1/t0", "run/1/t1", "run/1/t2"], records.Select(r => r.Target));
        Assert.Equal([first.Hash, records[0].Hash, records[1].Hash], records.Select(r => r.PreviousHash));
        var verification = await h.Audit.VerifyAsync(CancellationToken.None);
        Assert.True(verification.IsIntact);
        Assert.Equal((4L, records[2].Hash), (verification.RecordsChecked, verification.HeadHash));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Verify_ReportsAChangedRecordWithItsSequenceAndTime(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        var records = await AppendAsync(h, 4);

        await TamperAsync(h, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
        var verification = await h.Audit.VerifyAsync(CancellationToken.None);

        Assert.False(verification.IsIntact);
        Assert.Equal((AuditProblemKind.Changed, 2L, records[1].Time), (verification.Problem!.Kind, verification.Problem.Sequence, verification.Problem.Time));
        Assert.StartsWith("audit record 2 (2025-03-01T09:01:00.0000000+00:00, cluster.add by mallory) was changed", verification.Problem.Message, StringComparison.Ordinal);
        Assert.Equal(1, verification.RecordsChecked);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Verify_ReportsADeletedRecord(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        var records = await AppendAsync(h, 4);

        await TamperAsync(h, "DELETE FROM audit_log WHERE seq = 3");
        var verification = await h.Audit.VerifyAsync(CancellationToken.None);

        Assert.Equal((AuditProblemKind.Removed, 3L, records[1].Time), (verification.Problem!.Kind, verification.Problem.Sequence, verification.Problem.Time));
        Assert.Equal(
            "audit record 3 is missing after record 2 (2025-03-01T09:01:00.0000000+00:00): the next record present is 4 (2025-03-01T09:03:00.0000000+00:00). Records were deleted from audit_log.",
            verification.Problem.Message);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Verify_ReportsTheFirstRecordDeleted(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await AppendAsync(h, 2);

        await TamperAsync(h, "DELETE FROM audit_log WHERE seq = 1");
        var verification = await h.Audit.VerifyAsync(CancellationToken.None);

        Assert.Equal((AuditProblemKind.Removed, 1L), (verification.Problem!.Kind, verification.Problem.Sequence));
        Assert.StartsWith("audit record 1 is missing at the start of the log", verification.Problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Verify_ReportsARecordRewrittenWithAFreshHash_ThroughTheNextRecordsLink(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        var records = await AppendAsync(h, 3);
        var forged = AuditHash.Compute(2, records[1].Time.ToUnixTimeMilliseconds(), "mallory", records[1].SourceIp, records[1].Action, records[1].Target, "success", null, records[1].PreviousHash);

        await TamperAsync(h, $"UPDATE audit_log SET actor = 'mallory', hash = '{forged}' WHERE seq = 2");
        var verification = await h.Audit.VerifyAsync(CancellationToken.None);

        Assert.Equal((AuditProblemKind.Changed, 2L), (verification.Problem!.Kind, verification.Problem.Sequence));
        Assert.EndsWith("was changed or replaced: record 3 no longer links to it.", verification.Problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Records_CannotBeChangedOrDeletedThroughSql(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await AppendAsync(h, 1);
        await using var connection = await h.Database.OpenConnectionAsync(CancellationToken.None);

        var update = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("UPDATE audit_log SET actor = 'mallory'"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => connection.ExecuteAsync("DELETE FROM audit_log"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Append_InTheCallersTransaction_CommitsOrVanishesWithTheChange(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Database.InTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync("INSERT INTO teams (name, created_at) VALUES ('sre', 0)", transaction: transaction);
            await h.Audit.AppendAsync(new AuditEntry(Alice, "team.create", "team/sre", AuditOutcome.Success), connection, transaction, CancellationToken.None);
            throw new InvalidOperationException("the change failed after its record was written");
        }, CancellationToken.None));
        var next = await h.Audit.AppendAsync(new AuditEntry(Alice, "team.create", "team/ops", AuditOutcome.Success), CancellationToken.None);

        Assert.Equal(1, next.Sequence);
        Assert.Single((await h.Audit.QueryAsync(new AuditQuery(), CancellationToken.None)).Records);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task ConcurrentAppends_KeepOneUnbrokenChain(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);

        var appended = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            h.Audit.AppendAsync(new AuditEntry(Alice, "cluster.add", $"cluster/c{i}", AuditOutcome.Success), CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), appended.Select(r => r.Sequence).Order());
        var verification = await h.Audit.VerifyAsync(CancellationToken.None);
        Assert.True(verification.IsIntact, verification.Problem?.Message);
        Assert.Equal(30, verification.RecordsChecked);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Query_FiltersByActorTargetActionAndTime_NewestFirst(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        var start = h.Time.GetUtcNow();
        await h.Audit.AppendAsync(new AuditEntry(Alice, "cluster.add", "cluster/prod-a", AuditOutcome.Success), CancellationToken.None);
        h.Time.Advance(TimeSpan.FromHours(1));
        await h.Audit.AppendAsync(new AuditEntry(new AuditActor("bob", null), "cluster.add", "cluster/prod-b", AuditOutcome.Denied), CancellationToken.None);
        h.Time.Advance(TimeSpan.FromHours(1));
        await h.Audit.AppendAsync(new AuditEntry(Alice, "cluster.remove", "cluster/prod-a", AuditOutcome.Success), CancellationToken.None);

        async Task<IEnumerable<long>> Sequences(AuditQuery query) => (await h.Audit.QueryAsync(query, CancellationToken.None)).Records.Select(r => r.Sequence);

        Assert.Equal([3L, 1L], await Sequences(new AuditQuery { Actor = "alice" }));
        Assert.Equal([3L, 1L], await Sequences(new AuditQuery { Target = "cluster/prod-a" }));
        Assert.Equal([2L, 1L], await Sequences(new AuditQuery { Action = "cluster.add" }));
        Assert.Equal([2L], await Sequences(new AuditQuery { Outcome = AuditOutcome.Denied }));
        Assert.Equal([2L], await Sequences(new AuditQuery { From = start.AddMinutes(30), To = start.AddMinutes(90) }));
        Assert.Equal([1L], await Sequences(new AuditQuery { Actor = "alice", To = start.AddHours(1) }));
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Query_PagesWithTheKeysetCursorUntilTheEnd(DatabaseDialect dialect)
    {
        await using var h = await AccessHarness.CreateAsync(dialect);
        await AppendAsync(h, 25);

        var pages = new List<AuditPage>();
        long? before = null;
        do
        {
            var page = await h.Audit.QueryAsync(new AuditQuery { Limit = 10, Before = before }, CancellationToken.None);
            pages.Add(page);
            before = page.NextBefore;
        }
        while (before is not null);

        Assert.Equal([10, 10, 5], pages.Select(p => p.Records.Count));
        Assert.Equal(Enumerable.Range(1, 25).Reverse().Select(i => (long)i), pages.SelectMany(p => p.Records).Select(r => r.Sequence));
    }

    [Fact]
    public async Task Query_WithAPageSizeOutOfRange_IsRefused()
    {
        await using var h = await AccessHarness.CreateAsync(DatabaseDialect.Sqlite);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => h.Audit.QueryAsync(new AuditQuery { Limit = 1001 }, CancellationToken.None));
    }

    [Fact]
    public async Task Append_KeepsSecretsOutOfTheDetails()
    {
        await using var h = await AccessHarness.CreateAsync(DatabaseDialect.Sqlite);
        var details = new JsonObject
        {
            ["tokenName"] = "ci",
            ["token"] = "kls_secret",
            ["password"] = "hunter2hunter2",
            ["cluster"] = new JsonObject { ["clientSecret"] = "s3cr3t", ["kubeconfig"] = "apiVersion: v1", ["server"] = "https://10.0.0.1" },
            ["users"] = new JsonArray(new JsonObject { ["newPassword"] = "x" }),
        };

        var record = await h.Audit.AppendAsync(new AuditEntry(Alice, "cluster.add", "cluster/prod-a", AuditOutcome.Success, details), CancellationToken.None);

        Assert.Equal(
            """{"tokenName":"ci","token":"[redacted]","password":"[redacted]","cluster":{"clientSecret":"[redacted]","kubeconfig":"[redacted]","server":"https://10.0.0.1"},"users":[{"newPassword":"[redacted]"}]}""",
            record.Details);
        Assert.Equal("kls_secret", details["token"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(1, 1740819600000, "alice", "192.0.2.1", "cluster.add", "cluster/prod-a", "success", """{"tags":"env=production"}""", "0000000000000000000000000000000000000000000000000000000000000000", "76b9c4e94153d36e078dedb5e6579ffe06deb753e810766706ae5a7cede2e588")]
    [InlineData(7, 0, "système", null, "login", "user/élodie", "failed", null, "abababababababababababababababababababababababababababababababab", "d6246e34fe5c8e38777d623dc84965b2e0c9ccc39dce839d50c8f0731530299b")]
    public void Hash_FollowsTheDocumentedFormat_SoOthersCanVerifyADump(long sequence, long time, string actor, string? ip, string action, string target, string outcome, string? details, string previous, string expected)
    {
        // The expected values were computed with Python's hashlib from the format in AuditHash's documentation.
        Assert.Equal(expected, AuditHash.Compute(sequence, time, actor, ip, action, target, outcome, details, previous));
    }

    private static async Task<List<AuditRecord>> AppendAsync(AccessHarness h, int count)
    {
        var records = new List<AuditRecord>();
        for (var i = 1; i <= count; i++)
        {
            records.Add(await h.Audit.AppendAsync(new AuditEntry(Alice, "cluster.add", $"cluster/c{i}", AuditOutcome.Success), CancellationToken.None));
            h.Time.Advance(TimeSpan.FromMinutes(1));
        }

        return records;
    }

    /// <summary>Changes the table the way someone with database access would: append-only triggers off first.</summary>
    private static async Task TamperAsync(AccessHarness h, string sql)
    {
        await using var connection = await h.Database.OpenConnectionAsync(CancellationToken.None);
        var disable = h.Database.Dialect == DatabaseDialect.Sqlite
            ? "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
            : "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change;";
        await connection.ExecuteAsync(disable + sql);
    }
}
