using System.Text.Json.Nodes;
using Keelson.Core.Audit;
using Keelson.Core.Flows;
using Keelson.Core.Guardrails;
using Keelson.Core.Tests.Access;
using Keelson.Storage;
using Keelson.Storage.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keelson.Core.Tests.Guardrails;

/// <summary>The guardrail gate on its own, on a clock the test moves: charging, windows, circuits, cool-down, replicas.</summary>
public sealed class GuardrailGateTests
{
    private static readonly AuditActor Admin = new("root", "10.0.0.1");

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Budget_AllowsUpToItsLimit_ThenBrakesAndOpensTheCircuitOfItsClusterOnly(DatabaseDialect dialect)
    {
        await using var replica = await Replica.StartAsync(dialect);
        await replica.Guardrails.SetBudgetAsync(Admin, new BudgetChange { Verb = "evict", Kind = "Pod", Window = "1m", Limit = 3 }, CancellationToken.None);

        var first = await replica.EvictAsync("c1", 4);
        var afterOpen = await replica.EvictAsync("c1", 1);
        var otherCluster = await replica.EvictAsync("c2", 1);

        Assert.Equal([GateVerdict.Allow, GateVerdict.Allow, GateVerdict.Allow, GateVerdict.Brake], first.Select(d => d.Verdict));
        Assert.StartsWith("budget \"evict Pod per cluster over 1m (limit 3)\" is used up on cluster c1: 3 used, 1 more wanted by evict Pod default/p-3 on cluster c1; circuit cluster/c1 opened", first[3].Reason, StringComparison.Ordinal);
        Assert.Equal(GateVerdict.Brake, afterOpen[0].Verdict);
        Assert.StartsWith("circuit cluster/c1 is open since", afterOpen[0].Reason, StringComparison.Ordinal);
        Assert.Equal(GateVerdict.Allow, otherCluster[0].Verdict);
        var circuit = Assert.Single((await replica.Guardrails.StatusAsync(CancellationToken.None)).Circuits);
        Assert.Equal(("cluster/c1", "open", 7L), (circuit.Scope, circuit.State, circuit.RunId));
        var budget = (await replica.Guardrails.BudgetsAsync(CancellationToken.None)).Single(b => b is { Verb: "evict", Kind: "Pod", Scope: BudgetScope.Cluster, Window: "1m" });
        Assert.Equal(new Dictionary<string, long> { ["c1"] = 3, ["c2"] = 1 }, budget.Used);
        var opened = await replica.Audit.QueryAsync(new AuditQuery { Action = "guardrails.circuit.open" }, CancellationToken.None);
        Assert.Equal("circuit/cluster/c1", Assert.Single(opened.Records).Target);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task Restart_DoesNotRefillABudget_ButTheSlidingWindowDoes(DatabaseDialect dialect)
    {
        await using var replica = await Replica.StartAsync(dialect);
        await replica.Guardrails.SetBudgetAsync(Admin, new BudgetChange { Verb = "delete", Kind = "Pod", Window = "5m", Limit = 2 }, CancellationToken.None);
        await replica.DecideAsync(FlowActionVerb.Delete, "Pod", "c1", 2);
        replica.Time.Advance(TimeSpan.FromMinutes(2));

        await using var restarted = await replica.RestartAsync();
        var afterRestart = await restarted.DecideAsync(FlowActionVerb.Delete, "Pod", "c1", 1);
        await restarted.Guardrails.ResetCircuitAsync(Admin, "cluster/c1", "checked", CancellationToken.None);
        restarted.Time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));
        var afterWindow = await restarted.DecideAsync(FlowActionVerb.Delete, "Pod", "c1", 1);

        Assert.Equal(GateVerdict.Brake, afterRestart[0].Verdict);
        Assert.Contains("2 used, 1 more wanted", afterRestart[0].Reason, StringComparison.Ordinal);
        Assert.Equal(GateVerdict.Allow, afterWindow[0].Verdict);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    public async Task CoolDown_HalfOpensTheCircuit_AndTheProbeClosesItOnlyWhenItFits(DatabaseDialect dialect)
    {
        await using var replica = await Replica.StartAsync(dialect, o => o.CircuitCoolDown = TimeSpan.FromMinutes(1));
        await replica.Guardrails.SetBudgetAsync(Admin, new BudgetChange { Verb = "cordon", Kind = "Node", Window = "5m", Limit = 1 }, CancellationToken.None);
        await replica.DecideAsync(FlowActionVerb.Cordon, "Node", "c1", 2);

        replica.Time.Advance(TimeSpan.FromSeconds(30));
        var coolingDown = await replica.DecideAsync(FlowActionVerb.Cordon, "Node", "c1", 1);
        replica.Time.Advance(TimeSpan.FromSeconds(31));
        var halfOpen = (await replica.Guardrails.StatusAsync(CancellationToken.None)).Circuits.Single().State;
        var probeTooEarly = await replica.DecideAsync(FlowActionVerb.Cordon, "Node", "c1", 1);
        var reopened = (await replica.Guardrails.StatusAsync(CancellationToken.None)).Circuits.Single();
        replica.Time.Advance(TimeSpan.FromMinutes(5));
        var probe = await replica.DecideAsync(FlowActionVerb.Cordon, "Node", "c1", 1);

        Assert.Contains("it half-opens at", coolingDown[0].Reason, StringComparison.Ordinal);
        Assert.Equal("half-open", halfOpen);
        Assert.Equal(GateVerdict.Brake, probeTooEarly[0].Verdict);
        Assert.Equal(("open", replica.Time.GetUtcNow() - TimeSpan.FromMinutes(5)), (reopened.State, reopened.OpenedAt));
        Assert.Equal(GateVerdict.Allow, probe[0].Verdict);
        Assert.Empty((await replica.Guardrails.StatusAsync(CancellationToken.None)).Circuits);
        Assert.Single((await replica.Audit.QueryAsync(new AuditQuery { Action = "guardrails.circuit.close" }, CancellationToken.None)).Records);
    }

    [Fact]
    public async Task TwoReplicas_ChargingAtOnce_NeverSpendTheSameTokens()
    {
        await using var one = await Replica.StartAsync(DatabaseDialect.Postgres);
        await using var two = await one.RestartAsync();
        await one.Guardrails.SetBudgetAsync(Admin, new BudgetChange { Verb = "evict", Kind = "Pod", Scope = BudgetScope.Fleet, Window = "1m", Limit = 30 }, CancellationToken.None);

        var decisions = await Task.WhenAll(Enumerable.Range(0, 80).Select(i =>
            (i % 2 == 0 ? one : two).Gate.CheckAsync(Replica.Request(FlowActionVerb.Evict, "Pod", $"c{i % 5}", i), CancellationToken.None)));

        Assert.Equal(30, decisions.Count(d => d.Verdict == GateVerdict.Allow));
        var budget = (await one.Guardrails.BudgetsAsync(CancellationToken.None)).Single(b => b is { Verb: "evict", Kind: "Pod", Scope: BudgetScope.Fleet, Window: "1m" });
        Assert.Equal(30, budget.Used["fleet"]);
        Assert.Equal("fleet", Assert.Single((await one.Guardrails.StatusAsync(CancellationToken.None)).Circuits).Scope);
    }

    [Theory]
    [InlineData(DatabaseDialect.Sqlite)]
    [InlineData(DatabaseDialect.Postgres)]
    public async Task EmergencyBrake_BrakesDestructiveActionsOnly_AndIsAudited(DatabaseDialect dialect)
    {
        await using var replica = await Replica.StartAsync(dialect);
        await replica.Guardrails.EngageBrakeAsync(Admin, "bad kernel rollout, stop everything", CancellationToken.None);

        var destructive = new[]
        {
            await replica.Gate.CheckAsync(Replica.Request(FlowActionVerb.Delete, "Deployment", "c1", 0), CancellationToken.None),
            await replica.Gate.CheckAsync(Replica.Request(FlowActionVerb.Evict, "Pod", "c1", 1), CancellationToken.None),
            await replica.Gate.CheckAsync(Replica.Request(FlowActionVerb.Cordon, "Node", "c1", 2), CancellationToken.None),
            await replica.Gate.CheckAsync(Replica.Request(FlowActionVerb.Scale, "Deployment", "c1", 3, replicas: 0), CancellationToken.None),
        };
        var harmless = new[]
        {
            await replica.Gate.CheckAsync(Replica.Request(FlowActionVerb.Apply, "ConfigMap", "c1", 0), CancellationToken.None),
            await replica.Gate.CheckAsync(Replica.Request(FlowActionVerb.Patch, "Deployment", "c1", 1), CancellationToken.None),
            await replica.Gate.CheckAsync(Replica.Request(FlowActionVerb.Uncordon, "Node", "c1", 2), CancellationToken.None),
            await replica.Gate.CheckAsync(Replica.Request(FlowActionVerb.Scale, "Deployment", "c1", 3, replicas: 4), CancellationToken.None),
        };
        var twice = await Assert.ThrowsAsync<GuardrailException>(() => replica.Guardrails.EngageBrakeAsync(Admin, "again", CancellationToken.None));
        await replica.Guardrails.ReleaseBrakeAsync(Admin, "rolled back", CancellationToken.None);
        var released = await replica.Gate.CheckAsync(Replica.Request(FlowActionVerb.Evict, "Pod", "c1", 1), CancellationToken.None);

        Assert.All(destructive, d => Assert.Equal(GateVerdict.Brake, d.Verdict));
        Assert.StartsWith("the emergency brake is on (pulled by root at ", destructive[0].Reason, StringComparison.Ordinal);
        Assert.Contains("bad kernel rollout, stop everything", destructive[0].Reason, StringComparison.Ordinal);
        Assert.All(harmless, d => Assert.Equal(GateVerdict.Allow, d.Verdict));
        Assert.Equal(GuardrailErrorKind.Conflict, twice.Kind);
        Assert.Equal(GateVerdict.Allow, released.Verdict);
        var trail = await replica.Audit.QueryAsync(new AuditQuery { Target = "brake/fleet" }, CancellationToken.None);
        Assert.Equal(["guardrails.brake.off:success", "guardrails.brake.on:failed", "guardrails.brake.on:success"], trail.Records.Select(r => $"{r.Action}:{r.Outcome.ToString().ToLowerInvariant()}"));
    }

    [Fact]
    public async Task BudgetChanges_AreValidated_Kept_AndUndone()
    {
        await using var replica = await Replica.StartAsync(DatabaseDialect.Sqlite);

        var bad = await Assert.ThrowsAsync<GuardrailException>(() => replica.Guardrails.SetBudgetAsync(Admin, new BudgetChange { Verb = "evict", Kind = "Pod", Window = "2m", Limit = 3 }, CancellationToken.None));
        await replica.Guardrails.SetBudgetAsync(Admin, new BudgetChange { Verb = "delete", Kind = "ConfigMap", Scope = BudgetScope.Fleet, Window = "1h", Limit = 7 }, CancellationToken.None);
        await replica.Guardrails.SetBudgetAsync(Admin, new BudgetChange { Verb = "evict", Kind = "Pod", Window = "1m", Limit = null }, CancellationToken.None);
        await using var restarted = await replica.RestartAsync();
        var kept = await restarted.Guardrails.BudgetsAsync(CancellationToken.None);
        await restarted.Guardrails.ResetBudgetAsync(Admin, "evict", "Pod", BudgetScope.Cluster, "1m", CancellationToken.None);
        var undone = await restarted.Guardrails.BudgetsAsync(CancellationToken.None);

        Assert.Equal("window \"2m\" is not one budgets count over; use one of 1m, 5m, 1h, 24h", bad.Message);
        Assert.Equal(GuardrailDefaults.Budgets.Count + 1, kept.Count);
        Assert.Contains(kept, b => b is { Verb: "delete", Kind: "ConfigMap", Scope: BudgetScope.Fleet, Window: "1h", Limit: 7, UpdatedBy: "root" });
        Assert.Null(kept.Single(b => b is { Verb: "evict", Kind: "Pod", Scope: BudgetScope.Cluster, Window: "1m" }).Limit);
        Assert.Equal(50, undone.Single(b => b is { Verb: "evict", Kind: "Pod", Scope: BudgetScope.Cluster, Window: "1m" }).Limit);
    }

    /// <summary>One "replica" of Keelson's guardrails: the gate and the service over a shared test database and a hand-moved clock.</summary>
    private sealed class Replica : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly TestDatabase? _owned;
        private readonly Action<GuardrailOptions>? _options;

        private Replica(ServiceProvider services, TestDatabase test, FakeTime time, TestDatabase? owned, Action<GuardrailOptions>? options)
        {
            _services = services;
            Test = test;
            Time = time;
            _owned = owned;
            _options = options;
        }

        public TestDatabase Test { get; }

        public FakeTime Time { get; }

        public IActionGate Gate => _services.GetRequiredService<IActionGate>();

        public GuardrailService Guardrails => _services.GetRequiredService<GuardrailService>();

        public AuditLog Audit => _services.GetRequiredService<AuditLog>();

        public static async Task<Replica> StartAsync(DatabaseDialect dialect, Action<GuardrailOptions>? options = null)
        {
            var test = await TestDatabase.CreateEmptyAsync(dialect);
            return await StartAsync(test, new FakeTime(), test, options);
        }

        /// <summary>Another process on the same database and clock (a restart, or a second replica).</summary>
        public Task<Replica> RestartAsync() => StartAsync(Test, Time, null, _options);

        public static ActionGateRequest Request(FlowActionVerb verb, string kind, string cluster, int index, int? replicas = null) =>
            new(new FlowAction(verb, kind, cluster, "default", [$"p-{index}"])
            {
                Details = replicas is { } r ? new JsonObject { ["replicas"] = r, ["previousReplicas"] = 5 } : null,
            }, 7, "runaway", $"evict[{index}]", "alice");

        public Task<GateDecision[]> EvictAsync(string cluster, int count) => DecideAsync(FlowActionVerb.Evict, "Pod", cluster, count);

        public async Task<GateDecision[]> DecideAsync(FlowActionVerb verb, string kind, string cluster, int count)
        {
            var decisions = new List<GateDecision>();
            for (var i = 0; i < count; i++)
            {
                decisions.Add(await Gate.CheckAsync(Request(verb, kind, cluster, i), CancellationToken.None));
            }

            return [.. decisions];
        }

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            if (_owned is not null)
            {
                await _owned.DisposeAsync();
            }
        }

        private static async Task<Replica> StartAsync(TestDatabase test, FakeTime time, TestDatabase? owned, Action<GuardrailOptions>? options)
        {
            var database = test.Open(time);
            await database.MigrateAsync(CancellationToken.None);
            var services = new ServiceCollection()
                .AddLogging(l => l.ClearProviders())
                .AddSingleton(database)
                .AddSingleton<TimeProvider>(time)
                .AddKeelsonGuardrails(options)
                .BuildServiceProvider();
            return new Replica(services, test, time, owned, options);
        }
    }
}
