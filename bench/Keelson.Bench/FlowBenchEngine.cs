using Dapper;
using Keelson.Core.Audit;
using Keelson.Core.Clusters;
using Keelson.Core.Flows;
using Keelson.Core.Flows.Engine;
using Keelson.Core.Flows.Runs;
using Keelson.Core.Protection;
using Keelson.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Keelson.Bench;

/// <summary>
/// Keelson's flow engine composed as the server composes it (database, audit, protection, clusters,
/// flows) with the <c>bench.noop</c> executor, on a fresh database. Runs are queued with the engine
/// stopped, so a drain measures the engine alone.
/// </summary>
internal sealed class FlowBenchEngine : IAsyncDisposable
{
    /// <summary>Five tasks: one, then three at once, then one — the shape of a small release.</summary>
    public const string Diamond = "bench-diamond";

    private static readonly AuditActor Operator = new("bench", "127.0.0.1");
    private const string Definition = """
        name: bench-diamond
        description: five no-op tasks, one then three at once then one
        # Every run is this one flow, so the per-flow limit (default 16) would cap the whole engine;
        # a flow of many small runs sets its own, as Argo's benchmark sets its parallelism.
        concurrency: 64
        tasks:
          - {name: a, uses: bench.noop}
          - {name: b, uses: bench.noop, needs: [a]}
          - {name: c, uses: bench.noop, needs: [a]}
          - {name: d, uses: bench.noop, needs: [a]}
          - {name: e, uses: bench.noop, needs: [b, c, d]}
        """;

    private readonly ServiceProvider _services;
    private bool _started;

    private FlowBenchEngine(ServiceProvider services, KeelsonDatabase database)
    {
        _services = services;
        Database = database;
    }

    public KeelsonDatabase Database { get; }

    public FlowNoOpCalls Calls => _services.GetRequiredService<FlowNoOpCalls>();

    private FlowService Flows => _services.GetRequiredService<FlowService>();

    private FlowEngine Engine => _services.GetRequiredService<FlowEngine>();

    /// <summary>Migrates the database and applies the benchmark's flow; the engine is not started yet.</summary>
    public static async Task<FlowBenchEngine> CreateAsync(string databaseSetting, Action<FlowOptions> options, CancellationToken cancellationToken)
    {
        var database = new KeelsonDatabase(databaseSetting);
        await database.MigrateAsync(cancellationToken);
        var services = new ServiceCollection()
            .AddLogging(l => l.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(database)
            .AddSingleton<FlowNoOpCalls>()
            .AddKeelsonProtection()
            .AddKeelsonClusters()
            .AddKeelsonFlows(options)
            .AddFlowExecutor<FlowNoOpExecutor>()
            .BuildServiceProvider();
        var engine = new FlowBenchEngine(services, database);
        await engine.Flows.ApplyAsync(Operator, Definition, "bench-diamond.yaml", cancellationToken);
        return engine;
    }

    /// <summary>Queues <paramref name="count"/> runs of <paramref name="flow"/> from <paramref name="callers"/> concurrent callers; returns their ids.</summary>
    public async Task<List<long>> QueueAsync(string flow, int count, int callers, CancellationToken cancellationToken)
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<long>();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                ids.Add(await StartOneAsync(flow, cancellationToken));
            }
        }, cancellationToken)));
        return [.. ids.Order()];
    }

    /// <summary>Queues one run (the engine, once started, picks it up at once).</summary>
    public async Task<long> StartOneAsync(string flow, CancellationToken cancellationToken) =>
        (await Flows.StartAsync(Operator, new FlowRunRequest { Flow = flow }, cancellationToken)).Id;

    public async Task StartEngineAsync(CancellationToken cancellationToken)
    {
        await Engine.StartAsync(cancellationToken);
        _started = true;
    }

    /// <summary>Waits until every run in [<paramref name="first"/>, <paramref name="last"/>] has finished; false when <paramref name="patience"/> ran out.</summary>
    public async Task<bool> WaitFinishedAsync(long first, long last, TimeSpan patience, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < until)
        {
            await using var connection = await Database.OpenConnectionAsync(cancellationToken);
            var open = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM flow_runs WHERE id BETWEEN @first AND @last AND finished_at IS NULL", new { first, last }, cancellationToken: cancellationToken));
            if (open == 0)
            {
                return true;
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }

    /// <summary>The runs in [<paramref name="first"/>, <paramref name="last"/>] and their tasks, as committed.</summary>
    public async Task<(List<RunTimes> Runs, List<TaskTimes> Tasks)> ReadAsync(long first, long last, CancellationToken cancellationToken)
    {
        await using var connection = await Database.OpenConnectionAsync(cancellationToken);
        var runs = await connection.QueryAsync<RunTimes>(new CommandDefinition(
            "SELECT id AS Id, state AS State, started_at AS StartedAt, finished_at AS FinishedAt FROM flow_runs WHERE id BETWEEN @first AND @last",
            new { first, last }, cancellationToken: cancellationToken));
        var tasks = await connection.QueryAsync<TaskTimes>(new CommandDefinition(
            "SELECT run_id AS RunId, name AS Name, state AS State, ready_at AS ReadyAt, started_at AS StartedAt, finished_at AS FinishedAt " +
            "FROM flow_tasks WHERE run_id BETWEEN @first AND @last",
            new { first, last }, cancellationToken: cancellationToken));
        return ([.. runs], [.. tasks]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await Engine.StopAsync(CancellationToken.None);
        }

        await _services.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A run's committed times (Unix milliseconds).</summary>
    internal sealed record RunTimes(long Id, string State, long? StartedAt, long? FinishedAt);

    /// <summary>A task's committed times (Unix milliseconds).</summary>
    internal sealed record TaskTimes(long RunId, string Name, string State, long? ReadyAt, long? StartedAt, long? FinishedAt);
}
