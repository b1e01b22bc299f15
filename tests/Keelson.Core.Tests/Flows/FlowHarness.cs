using System.Text.Json.Nodes;
using Keelson.Core.Audit;
using Keelson.Core.Clusters;
using Keelson.Core.Flows;
using Keelson.Core.Flows.Engine;
using Keelson.Core.Flows.Runs;
using Keelson.Core.Protection;
using Keelson.Kubernetes;
using Keelson.Simulator.Hosting;
using Keelson.Simulator.Scenarios;
using Keelson.Storage;
using Keelson.Storage.Tests;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keelson.Core.Tests.Flows;

/// <summary>
/// Keelson's flow engine as a process runs it — database, audit, protection, cluster registry,
/// flows — over a throwaway database and (when asked) a simulated cluster "c1" over HTTP. A
/// "process" can be killed and started again on the same database, as a crash and a restart would.
/// </summary>
internal sealed class FlowHarness : IAsyncDisposable
{
    public const string Cluster = "c1";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly List<ServiceProvider> _processes = [];
    private readonly Action<FlowOptions>? _options;
    private readonly Action<IServiceCollection>? _configure;
    private bool _clustersRegistered;

    private FlowHarness(TestDatabase test, SimulatorHost? simulator, Action<FlowOptions>? options, Action<IServiceCollection>? configure)
    {
        Test = test;
        Simulator = simulator;
        _options = options;
        _configure = configure;
    }

    public static AuditActor Operator { get; } = new("alice", "10.0.0.7");

    public TestDatabase Test { get; }

    public SimulatorHost? Simulator { get; }

    public StepLog Steps { get; } = new();

    public ServiceProvider Process => _processes[^1];

    public FlowService Flows => Process.GetRequiredService<FlowService>();

    public FlowEngine Engine => Process.GetRequiredService<FlowEngine>();

    /// <summary>
    /// A harness with its first process started (engine running unless <paramref name="startEngine"/> is false).
    /// The simulated cluster runs its real controllers, scheduler and kubelets; pods start and stop
    /// within tens of milliseconds rather than seconds.
    /// </summary>
    public static async Task<FlowHarness> StartAsync(DatabaseDialect dialect, bool simulator = false, Action<FlowOptions>? options = null, bool startEngine = true, Action<IServiceCollection>? configure = null)
    {
        var test = await TestDatabase.CreateEmptyAsync(dialect);
        var host = simulator
            ? await SimulatorHost.StartAsync(ScenarioLoader.Parse($$"""
                timing: {containerStart: 50ms, imagePull: 20ms, termination: 50ms}
                clusters:
                  - name: {{Cluster}}
                    nodePools: [{name: pool, count: 3, cpu: "4", memory: 16Gi, zones: [z1]}]
                """, "flows-test.yaml"), new SimulatorOptions())
            : null;
        var harness = new FlowHarness(test, host, options, configure);
        await harness.StartProcessAsync(startEngine: startEngine);
        return harness;
    }

    /// <summary>Starts a new "process" on the same database; a test hook may stop its engine at a named point of an action.</summary>
    public async Task<ServiceProvider> StartProcessAsync(Func<string, CancellationToken, Task>? checkpoint = null, bool startEngine = true, Action<FlowOptions>? options = null)
    {
        var database = Test.Open();
        await database.MigrateAsync(CancellationToken.None);
        var collection = new ServiceCollection();
        _configure?.Invoke(collection);
        var services = collection
            .AddLogging(l => l.ClearProviders())
            .AddSingleton(database)
            .AddSingleton(Steps)
            .AddKeelsonProtection()
            .AddKeelsonClusters()
            .AddKeelsonFlows(o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(50);
                _options?.Invoke(o);
                options?.Invoke(o);
            })
            .AddFlowExecutor<TestStepExecutor>()
            .BuildServiceProvider();
        _processes.Add(services);
        if (Simulator is not null && !_clustersRegistered)
        {
            await RegisterClusterAsync(services);
            _clustersRegistered = true;
        }

        if (startEngine)
        {
            var engine = services.GetRequiredService<FlowEngine>();
            engine.Checkpoint = checkpoint;
            await engine.StartAsync(CancellationToken.None);
        }

        return services;
    }

    /// <summary>Registers the simulated cluster as an operator would (its credentials encrypted at rest).</summary>
    private async Task RegisterClusterAsync(ServiceProvider services)
    {
        var registration = new ClusterRegistration
        {
            Name = Cluster,
            Server = Simulator!.ClientOptions(Cluster).Server,
            Token = Simulator.Cluster(Cluster).Token,
        };

        // The first Protect creates the key ring's first key, which SQLite cannot write while
        // ClusterRegistry.AddAsync holds its transaction: create it up front, as a running server has.
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ProtectionPurposes.ClusterCredentials).Protect([1]);
        await services.GetRequiredService<ClusterRegistry>().AddAsync(Operator, registration, CancellationToken.None);
    }

    /// <summary>Kills the current process's engine as a crash would (no further writes, leases kept).</summary>
    public Task KillAsync() => Engine.KillAsync();

    public KubernetesClient Client() => new(Simulator!.ClientOptions(Cluster));

    public Task ApplyAsync(string yaml) => Flows.ApplyAsync(Operator, yaml, "test.yaml", CancellationToken.None);

    public async Task<long> StartAsync(string flow, string parameters = "{}", int? priority = null) =>
        (await Flows.StartAsync(Operator, new FlowRunRequest { Flow = flow, Params = JsonNode.Parse(parameters)!.AsObject(), Priority = priority }, CancellationToken.None)).Id;

    public Task<FlowRun> FinishedAsync(long run) => WaitAsync(run, r => r.FinishedAt is not null, "end");

    /// <summary>Polls the run until <paramref name="condition"/> holds; on timeout, fails with the run's history.</summary>
    public async Task<FlowRun> WaitAsync(long run, Func<FlowRun, bool> condition, string what)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            var current = await Flows.GetRunAsync(run, CancellationToken.None);
            if (current is not null && condition(current))
            {
                return current;
            }

            if (DateTime.UtcNow > until)
            {
                var events = await Flows.EventsAsync(run, 0, 1000, CancellationToken.None);
                Assert.Fail($"run {run} did not {what} within {Patience.TotalSeconds}s; it is {current?.State} ({current?.Reason}). " +
                    $"Tasks: {string.Join(", ", current?.Tasks.Select(t => $"{t.Name}{(t.Item is { } i ? $"[{i}]" : "")}={t.State} {t.Error}{t.WaitingFor}") ?? [])}. " +
                    $"History: {string.Join(" | ", events.Select(e => e.Message))}");
            }

            await Task.Delay(20);
        }
    }

    public static FlowRunTask TaskOf(FlowRun run, string name, int? item = null) => run.Tasks.Single(t => t.Name == name && t.Item == item);

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            await process.DisposeAsync();
        }

        if (Simulator is not null)
        {
            await Simulator.DisposeAsync();
        }

        await Test.DisposeAsync();
    }
}
