using System.Text.Json.Nodes;
using Keelson.Core.Access;
using Keelson.Core.Changes;
using Keelson.Core.Flows;
using Keelson.Core.Flows.Runs;
using Keelson.Core.Tests.Flows;
using Keelson.Storage;

namespace Keelson.Core.Tests.Changes;

/// <summary>Change records and the rule library against the simulator over HTTP, on SQLite and PostgreSQL.</summary>
public sealed class ChangeControlTests
{
    // Saturday 28 November 2026, 11:00 in Berlin.
    private static readonly DateTimeOffset BlackFridaySaturday = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    private const string BlackFriday = """
        rules:
          - name: black-friday
            kind: freeze
            timeZone: Europe/Berlin
            windows:
              - {from: 2026-11-27T00:00, to: 2026-11-30T00:00}
        """;

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Freeze_InsideTheWindow_BlocksTheChangeNamingTheRuleAndWhenItEnds(DatabaseDialect dialect)
    {
        await using var harness = await ChangeHarness.StartAsync(dialect);
        harness.Clock.Set(BlackFridaySaturday);
        await harness.ApplyRulesAsync(BlackFriday);

        var change = await harness.CordonAsync(0);

        Assert.Equal(ChangeStates.Blocked, change.State);
        Assert.Null(change.Run);
        Assert.Contains("freeze window 'black-friday' (Europe/Berlin) until 2026-11-30T00:00+01:00; ask an admin for an exception", change.Reason, StringComparison.Ordinal);
        Assert.Equal(["c1"], change.Scope.Clusters);
        Assert.Equal(["c1/" + SimulatedCluster.Node(0)], change.Scope.Nodes);
        Assert.Equal(1, change.BlastRadius.Nodes);
        Assert.Contains(change.Events!, e => e.Type == "change.blocked");
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Freeze_WithAnExceptionForTheChange_LetsItThroughAndTheRunCordons(DatabaseDialect dialect)
    {
        await using var harness = await ChangeHarness.StartAsync(dialect);
        harness.Clock.Set(BlackFridaySaturday);
        await harness.ApplyRulesAsync(BlackFriday);
        var blocked = await harness.CordonAsync(0);

        await harness.ApplyRulesAsync(BlackFriday + $"\n    exceptions:\n      - {{change: {blocked.Id}, reason: payment hotfix}}\n");
        var started = await harness.Changes.StartAsync(ChangeHarness.Alice, blocked.Id, CancellationToken.None);

        Assert.NotNull(started.Run);
        var run = await harness.Flows.FinishedAsync(started.Run!.Value);
        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal("succeeded", (await harness.GetAsync(blocked.Id)).State);
        Assert.True((await harness.Flows.Client().Resource<Kubernetes.Resources.Node>().GetAsync(SimulatedCluster.Node(0))).Spec?.Unschedulable);
        Assert.Equal(2, (await harness.Rules.GetAsync("black-friday", null, CancellationToken.None))!.Version);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Approval_ForAProductionTier_InitiatorCannotApprove_ViewerLacksTheRole_AnotherAdminCan(DatabaseDialect dialect)
    {
        await using var harness = await ChangeHarness.StartAsync(dialect);
        await harness.ApplyRulesAsync("""
            rules:
              - {name: tier-1-approval, kind: approval, clusters: "tier=1", role: admin, expiresAfter: 1h}
            """);

        var change = await harness.CordonAsync(0);
        Assert.Equal(ChangeStates.AwaitingApproval, change.State);
        Assert.Contains("approval required by rule 'tier-1-approval'", change.Reason, StringComparison.Ordinal);
        Assert.Contains($"keelson change approve {change.Id}", change.Reason, StringComparison.Ordinal);

        var own = await Assert.ThrowsAsync<ChangeException>(() => harness.Changes.ApproveAsync(ChangeHarness.Alice, change.Id, "looks fine", CancellationToken.None));
        Assert.Equal(ChangeErrorKind.Forbidden, own.Kind);
        Assert.Contains("initiated change", own.Message, StringComparison.Ordinal);
        var viewer = await Assert.ThrowsAsync<ForbiddenException>(() => harness.Changes.ApproveAsync(ChangeHarness.Carol, change.Id, "ok", CancellationToken.None));
        Assert.StartsWith("you need admin on cluster \"c1\"", viewer.Message, StringComparison.Ordinal);

        var approved = await harness.Changes.ApproveAsync(ChangeHarness.Bob, change.Id, "kernel CVE, reviewed", CancellationToken.None);

        Assert.NotNull(approved.Run);
        var approval = Assert.Single(approved.Approvals);
        Assert.Equal(("bob", "admin", "kernel CVE, reviewed"), (approval.Approver, approval.Role, approval.Reason));
        Assert.Equal(FlowRunState.Succeeded, (await harness.Flows.FinishedAsync(approved.Run!.Value)).State);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Approval_ThatExpired_DoesNotCount(DatabaseDialect dialect)
    {
        await using var harness = await ChangeHarness.StartAsync(dialect);
        await harness.ApplyRulesAsync("""
            rules:
              - {name: two-admins, kind: approval, role: admin, approvals: 2, expiresAfter: 1h}
            """);
        var change = await harness.CordonAsync(0);
        await harness.Changes.ApproveAsync(ChangeHarness.Bob, change.Id, "first look", CancellationToken.None);

        harness.Clock.Offset += TimeSpan.FromHours(2);
        var after = await harness.Changes.ApproveAsync(ChangeHarness.Dave, change.Id, "second look", CancellationToken.None);

        Assert.Equal(ChangeStates.AwaitingApproval, after.State);
        Assert.Null(after.Run);
        Assert.Contains("1 of 2 approval(s) by a user with admin on c1 (1 expired)", after.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Webhook_ThatDenies_BlocksTheChangeWithItsReason(DatabaseDialect dialect)
    {
        await using var harness = await ChangeHarness.StartAsync(dialect);
        await using var hook = await WebhookReceiver.StartAsync();
        await harness.ApplyRulesAsync($$"""
            rules:
              - {name: e2e, kind: webhook, url: "{{hook.Url}}check", timeout: 5s}
            """);
        hook.Answer(200, """{"allow": false, "reason": "checkout e2e suite is red"}""");

        var change = await harness.CordonAsync(0);

        Assert.Equal(ChangeStates.Blocked, change.State);
        Assert.Contains("webhook 'e2e'", change.Reason, StringComparison.Ordinal);
        Assert.Contains("denied: checkout e2e suite is red", change.Reason, StringComparison.Ordinal);
        Assert.True(hook.Requests.TryPeek(out var request));
        Assert.Equal("start", request.Body!["phase"]!.GetValue<string>());
        Assert.Equal(change.Id, request.Body["change"]!["id"]!.GetValue<long>());
        Assert.Equal("c1", request.Body["change"]!["scope"]!["clusters"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Webhook_ThatTimesOut_FailsClosed(DatabaseDialect dialect)
    {
        await using var harness = await ChangeHarness.StartAsync(dialect);
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start(); // accepts connections, never answers
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        await harness.ApplyRulesAsync($$"""
            rules:
              - {name: slow-check, kind: webhook, url: "http://127.0.0.1:{{port}}/check", timeout: 300ms}
            """);

        var change = await harness.CordonAsync(0);

        Assert.Equal(ChangeStates.Blocked, change.State);
        Assert.Contains("webhook 'slow-check'", change.Reason, StringComparison.Ordinal);
        Assert.Contains("did not answer within 300ms; webhooks fail closed", change.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Webhook_DenyingTheSecondWave_PausesTheRunAfterTheFirst(DatabaseDialect dialect)
    {
        await using var harness = await ChangeHarness.StartAsync(dialect);
        await using var hook = await WebhookReceiver.StartAsync();
        await harness.ApplyRulesAsync($$"""
            rules:
              - {name: e2e, kind: webhook, url: "{{hook.Url}}check"}
            """);
        hook.Answer(200, """{"allow": true}""");                       // start
        hook.Answer(200, """{"allow": true}""");                       // before wave 1
        hook.Answer(200, """{"allow": true}""");                       // after wave 1
        hook.Answer(200, """{"allow": false, "reason": "error rate up"}"""); // before wave 2

        var change = await harness.CordonAsync(0, 1);
        var run = await harness.Flows.WaitAsync(change.Run!.Value, r => r.State == FlowRunState.Paused, "pause");

        Assert.Contains("wave 2 of 2", run.Reason, StringComparison.Ordinal);
        Assert.Contains("denied: error rate up", run.Reason, StringComparison.Ordinal);
        Assert.Equal(FlowTaskState.Succeeded, FlowHarness.TaskOf(run, "cordon", 0).State);
        Assert.Equal(FlowTaskState.Pending, FlowHarness.TaskOf(run, "cordon", 1).State);
        Assert.Equal(["start", "before-wave", "after-wave", "before-wave"], hook.Requests.Select(r => r.Body!["phase"]!.GetValue<string>()));
        Assert.Contains((await harness.GetAsync(change.Id)).Events!, e => e.Type == "wave.blocked");
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task ConcurrencyLimit_HoldsASecondChangeOnTheSameCluster(DatabaseDialect dialect)
    {
        await using var harness = await ChangeHarness.StartAsync(dialect);
        await using var hook = await WebhookReceiver.StartAsync();
        await harness.ApplyRulesAsync("""
            rules:
              - {name: one-at-a-time, kind: concurrency, limit: 1}
            """);

        // The first change's run waits for an approval task, so it stays in progress.
        await harness.Flows.ApplyAsync(ChangeHarness.SlowCordonFlow);
        var first = await harness.Changes.CreateAsync(ChangeHarness.Alice, new ChangeRequest { Flow = "slow-cordon" }, _ => Task.CompletedTask, CancellationToken.None);
        Assert.NotNull(first.Run);

        var second = await harness.CordonAsync(0);

        Assert.Equal(ChangeStates.Blocked, second.State);
        Assert.Contains($"concurrency limit 'one-at-a-time': cluster c1 already has 1 change(s) in progress (limit 1: change {first.Id})", second.Reason, StringComparison.Ordinal);

        // A plain run that changes c1 is a change record too, held the same way.
        var refused = await Assert.ThrowsAsync<FlowException>(() => harness.Flows.Flows.StartAsync(ChangeHarness.Alice,
            new FlowRunRequest { Flow = "cordon-nodes", Params = new JsonObject { ["nodes"] = new JsonArray("c1-pool-0001") } }, CancellationToken.None));
        Assert.Contains("concurrency limit 'one-at-a-time'", refused.Message, StringComparison.Ordinal);
        var page = await harness.Changes.ListAsync(new ChangeQuery { Cluster = "c1", State = ChangeStates.Blocked }, CancellationToken.None);
        Assert.Equal(2, page.Items.Count);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task ConcurrencyLimit_AdmitsOnlyOneOfSeveralChangesStartedAtTheSameInstant(DatabaseDialect dialect)
    {
        await using var harness = await ChangeHarness.StartAsync(dialect);
        await using var hook = await WebhookReceiver.StartAsync();
        // Rules are evaluated by name: the concurrency limit first, then a business webhook that answers only when let.
        await harness.ApplyRulesAsync($$"""
            rules:
              - {name: a-one-at-a-time, kind: concurrency, limit: 1}
              - {name: b-cab, kind: webhook, url: "{{hook.Url}}check", timeout: 30s}
            """);
        await harness.Flows.ApplyAsync(ChangeHarness.SlowCordonFlow);
        hook.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        for (var i = 0; i < 4; i++)
        {
            hook.Answer(200, """{"allow": true, "reason": "the board agrees"}""");
        }

        var creating = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            harness.Changes.CreateAsync(ChangeHarness.Alice, new ChangeRequest { Flow = "slow-cordon" }, _ => Task.CompletedTask, CancellationToken.None))).ToList();
        // Every change has passed the concurrency check (none was admitted yet) and waits for the webhook.
        await SimulatedCluster.UntilAsync(() => Task.FromResult(hook.Requests.Count == 4 ? "asked" : null), "all four changes to ask the webhook");
        hook.Hold.SetResult();
        var changes = await Task.WhenAll(creating);

        var started = changes.Where(c => c.Run is not null).ToList();
        Assert.True(started.Count == 1, string.Join("\n", changes.Select(c => $"{c.Id} {c.State} run {c.Run}: {c.Reason}")));
        Assert.All(changes.Where(c => c != started[0]), c =>
        {
            Assert.Equal(ChangeStates.Blocked, c.State);
            Assert.Contains($"concurrency limit 'a-one-at-a-time': cluster c1 already has 1 change(s) in progress (limit 1: change {started[0].Id})", c.Reason, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task AfterWaveCheck_OfAWaveThatEndedJustBeforeACrash_IsAskedOnceAfterTheRestart(DatabaseDialect dialect)
    {
        await using var harness = await ChangeHarness.StartAsync(dialect);
        await using var hook = await WebhookReceiver.StartAsync();
        await harness.ApplyRulesAsync($$"""
            rules:
              - {name: e2e, kind: webhook, url: "{{hook.Url}}check"}
            """);
        for (var i = 0; i < 5; i++)
        {
            hook.Answer(200, """{"allow": true}""");
        }

        // The engine stops dead once the first wave succeeded, before its after-wave check.
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await harness.Flows.KillAsync();
        await harness.Flows.StartProcessAsync(async (point, ct) =>
        {
            if (point == "wave.ended" && stopped.TrySetResult())
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
        });
        var change = await harness.CordonAsync(0, 1);
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await harness.Flows.KillAsync();
        await harness.Flows.StartProcessAsync();
        var run = await harness.Flows.FinishedAsync(change.Run!.Value);

        Assert.Equal(FlowRunState.Succeeded, run.State);
        Assert.Equal(["start", "before-wave", "after-wave", "before-wave", "after-wave"], hook.Requests.Select(r => r.Body!["phase"]!.GetValue<string>()));
        Assert.Equal([1, 1, 2, 2], hook.Requests.Skip(1).Select(r => r.Body!["wave"]!["number"]!.GetValue<int>()));
    }
}
