using System.Text.Json.Nodes;
using Dapper;
using Keelson.Core.Access;
using Keelson.Core.Audit;
using Keelson.Core.Changes;
using Keelson.Core.Tests.Flows;
using Keelson.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Keelson.Core.Tests.Changes;

/// <summary>
/// Change control as a server runs it — flows with change control as their admission, access, audit —
/// over a throwaway database and a simulated cluster "c1" (tier 1, production) over HTTP. Users: alice
/// (operator, initiates), bob and dave (admins), carol (viewer).
/// </summary>
internal sealed class ChangeHarness : IAsyncDisposable
{
    /// <summary>Cordons the nodes given, one wave per node.</summary>
    public const string CordonFlow = """
        name: cordon-nodes
        params:
          nodes: list
        tasks:
          - name: cordon
            uses: kube.cordon
            forEach: ${{ params.nodes }}
            with: {cluster: c1, node: "${{ item }}"}
        """;

    private ChangeHarness(FlowHarness flows, ShiftedClock clock)
    {
        Flows = flows;
        Clock = clock;
    }

    /// <summary>Cordons a node of c1, then waits for an approval: its change stays in progress.</summary>
    public const string SlowCordonFlow = """
        name: slow-cordon
        tasks:
          - name: cordon
            uses: kube.cordon
            with: {cluster: c1, node: c1-pool-0002}
          - name: hold
            uses: approval
            needs: [cordon]
            with: {message: hold the cluster}
        """;

    public static AuditActor Alice { get; } = new("alice", "10.0.0.7");

    public static AuditActor Bob { get; } = new("bob", "10.0.0.8");

    public static AuditActor Carol { get; } = new("carol", "10.0.0.9");

    public static AuditActor Dave { get; } = new("dave", "10.0.0.10");

    public FlowHarness Flows { get; }

    public ShiftedClock Clock { get; }

    public ChangeService Changes => Flows.Process.GetRequiredService<ChangeService>();

    public ChangeRules Rules => Flows.Process.GetRequiredService<ChangeRules>();

    public static async Task<ChangeHarness> StartAsync(DatabaseDialect dialect)
    {
        var clock = new ShiftedClock();
        var flows = await FlowHarness.StartAsync(dialect, simulator: true, configure: s => s
            .AddSingleton<TimeProvider>(clock)
            .AddKeelsonAccess()
            .AddKeelsonChanges());
        var harness = new ChangeHarness(flows, clock);
        await using (var connection = await flows.Process.GetRequiredService<KeelsonDatabase>().OpenConnectionAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("""UPDATE clusters SET tags = '{"tier": "1", "env": "production"}' WHERE name = 'c1'""");
        }

        var users = flows.Process.GetRequiredService<UserService>();
        var grants = flows.Process.GetRequiredService<GrantService>();
        foreach (var (user, role) in new[] { (Alice, Role.Operator), (Bob, Role.Admin), (Carol, Role.Viewer), (Dave, Role.Admin) })
        {
            await users.CreateAsync(AuditActor.System, user.Name, "a-long-password-1", CancellationToken.None);
            await grants.GrantAsync(AuditActor.System, GrantSubject.User(user.Name), role, GrantScope.AllClusters, CancellationToken.None);
        }

        await flows.ApplyAsync(CordonFlow);
        return harness;
    }

    public Task ApplyRulesAsync(string yaml) => Rules.ApplyAsync(Bob, yaml, "rules.yaml", CancellationToken.None);

    /// <summary>Alice asks to cordon these nodes of c1.</summary>
    public Task<ChangeRecord> CordonAsync(params int[] nodes) => Changes.CreateAsync(Alice, new ChangeRequest
    {
        Flow = "cordon-nodes",
        Params = new JsonObject { ["nodes"] = new JsonArray([.. nodes.Select(n => (JsonNode?)SimulatedCluster.Node(n))]) },
        Description = "cordon for kernel update",
    }, _ => Task.CompletedTask, CancellationToken.None);

    public async Task<ChangeRecord> GetAsync(long id) => (await Changes.GetAsync(id, CancellationToken.None))!;

    public ValueTask DisposeAsync() => Flows.DisposeAsync();
}
