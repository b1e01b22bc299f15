using System.Diagnostics;
using Keelson.Core.Flows;

namespace Keelson.Bench;

/// <summary>
/// The flow engine with no-op executors, on SQLite and on PostgreSQL: how many task transitions it
/// commits per second (against the machine's raw PostgreSQL commit rate, pgbench on the same server),
/// how long 5,000 queued flows of 5 tasks take to drain, and how long a task waits from ready to running.
/// </summary>
/// <remarks>
/// A task makes two transitions, each its own durable commit before it takes effect: pending → running
/// (committed before the executor is called) and running → succeeded. Runs make two more each.
/// </remarks>
internal sealed class FlowsBenchmark : IBenchmark
{
    private const int TasksPerFlow = 5;
    private const int QueueCallers = 8;

    /// <summary>Argo Workflows' best published drain of 5,000 workflows on a 50-node cluster, in seconds.</summary>
    private const double ArgoDrainSeconds = 120;

    public string Name => "flows";

    public string Description => "flow engine, no-op tasks: transitions/s vs pgbench, 5,000 flows × 5 tasks drained, ready→running latency (SQLite, PostgreSQL)";

    /// <summary>The engine's settings for the benchmark, printed with the table.</summary>
    private static void Options(FlowOptions o)
    {
        o.ReplicaName = "bench";
        // No-op tasks finish at once, so the workers' time is commits: more of them in flight makes
        // bigger write batches (one transaction each), as a busy server would run.
        o.MaxConcurrentTasks = 64;
    }

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var flows = context.Scaled(5_000);
        var defaults = new FlowOptions();
        Options(defaults);
        Console.WriteLine($"  engine settings: MaxConcurrentTasks {defaults.MaxConcurrentTasks}, MaxTasksPerFlow {defaults.MaxTasksPerFlow}, " +
            $"flow concurrency 64, MaxOwnedRuns {defaults.MaxOwnedRuns}, PollInterval {defaults.PollInterval.TotalMilliseconds} ms; {Environment.ProcessorCount} cores");
        var rows = new List<Measurement>();

        IReadOnlyList<FlowPgbench.Result> pgbench = [];
        if (context.PostgresConnectionString is { } server)
        {
            try
            {
                var results = await FlowPgbench.RunAsync(server, context.WorkDirectory, TimeSpan.FromSeconds(context.Scale >= 1 ? 10 : 5), [1, 4], cancellationToken);
                foreach (var r in results)
                {
                    rows.Add(new($"pgbench: single-row UPDATE commits/s, {r.Clients} client(s), fsync and synchronous_commit on (mean latency {r.LatencyMs:0.00} ms)", r.Tps, "tps"));
                }

                pgbench = results;
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                Console.WriteLine($"  pgbench could not run, so there is no reference: {e.Message}");
            }
        }
        else
        {
            Console.WriteLine("  KEELSON_BENCH_POSTGRES is not set: PostgreSQL rows skipped (bench/run starts a server and sets it)");
        }

        rows.AddRange(await MeasureAsync("SQLite", FlowBenchDatabases.Sqlite(context.WorkDirectory, "flows"), flows, pgbench, context, cancellationToken));
        if (context.PostgresConnectionString is { } postgres)
        {
            var database = await FlowBenchDatabases.CreatePostgresAsync(postgres, "flows", cancellationToken);
            rows.AddRange(await MeasureAsync("PostgreSQL", database, flows, pgbench, context, cancellationToken));
        }

        return rows;
    }

    private static async Task<List<Measurement>> MeasureAsync(string label, string setting, int flows, IReadOnlyList<FlowPgbench.Result> pgbench, BenchmarkContext context, CancellationToken cancellationToken)
    {
        var best = pgbench.MaxBy(r => r.Tps);
        var oneClient = pgbench.FirstOrDefault(r => r.Clients == 1);
        Console.WriteLine($"  {label}: queueing {flows:N0} runs of {FlowBenchEngine.Diamond} ({TasksPerFlow} tasks each)...");
        await using var engine = await FlowBenchEngine.CreateAsync(setting, Options, cancellationToken);
        var queueClock = Stopwatch.StartNew();
        var ids = await engine.QueueAsync(FlowBenchEngine.Diamond, flows, QueueCallers, cancellationToken);
        var queued = queueClock.Elapsed;

        // The drain: from the engine's start to the last run's commit.
        var startedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await engine.StartEngineAsync(cancellationToken);
        var patience = TimeSpan.FromSeconds(Math.Max(120, flows / 10));
        var drained = await engine.WaitFinishedAsync(ids[0], ids[^1], patience, cancellationToken);
        var (runs, tasks) = await engine.ReadAsync(ids[0], ids[^1], cancellationToken);
        var succeeded = runs.Count(r => r.State == "succeeded");
        var drainSeconds = ((runs.Max(r => r.FinishedAt) ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) - startedAt) / 1000.0;
        var allDone = drained && succeeded == flows && tasks.Count(t => t.State == "succeeded") == flows * TasksPerFlow;
        if (!allDone)
        {
            Console.WriteLine($"  {label}: only {succeeded:N0} of {flows:N0} runs succeeded within {patience.TotalSeconds:0}s");
        }

        var rate = SteadyRate(tasks);
        var drainLatency = Latencies(engine, tasks);

        // Scheduling latency at a load the engine keeps up with: runs arriving one by one at a steady pace.
        var paced = await PacedAsync(engine, context, cancellationToken);

        var rows = new List<Measurement>
        {
            new($"{label}: {flows:N0} runs queued by {QueueCallers} callers through FlowService.StartAsync (each an audited commit)", queued.TotalSeconds, "s"),
            new($"{label}: task transitions/s, steady state of the drain (2 commits per task) (reference: pgbench best of 1 and 4 clients)", rate, "/s",
                "≥ 0.5× pgbench", best?.Tps, best is null ? null : rate >= 0.5 * best.Tps),
            new($"{label}: {flows:N0} queued flows × {TasksPerFlow} tasks drained, engine start to last commit{(allDone ? "" : $" ({succeeded:N0} succeeded)")} (reference: Argo Workflows, 5,000 workflows, 50 nodes, best settings)",
                drainSeconds, "s", $"≤ {60.0 * flows / 5_000:0.#} s", ArgoDrainSeconds * flows / 5_000, allDone && drainSeconds <= 60 * flows / 5_000.0),
            new($"{label}: ready → running p50 while draining (workers saturated: mostly waiting for a worker)", Percentile(drainLatency, 0.50), "ms"),
            new($"{label}: ready → running p99 while draining (workers saturated: mostly waiting for a worker)", Percentile(drainLatency, 0.99), "ms"),
            new($"{label}: ready → running p50 at {paced.RunsPerSecond:N0} runs/s ({paced.Latencies.Count:N0} tasks) (reference: pgbench 1-client commit latency)",
                Percentile(paced.Latencies, 0.50), "ms", Reference: oneClient?.LatencyMs),
            new($"{label}: ready → running p99 at {paced.RunsPerSecond:N0} runs/s ({paced.Latencies.Count:N0} tasks) (reference: pgbench 1-client commit latency)",
                Percentile(paced.Latencies, 0.99), "ms"),
        };
        return rows;
    }

    /// <summary>Task transitions per second between the 10th and the 90th percentile of their commit times, leaving out the start and the tail.</summary>
    private static double SteadyRate(List<FlowBenchEngine.TaskTimes> tasks)
    {
        var times = tasks.SelectMany(t => new[] { t.StartedAt, t.FinishedAt }).OfType<long>().Order().ToList();
        if (times.Count < 10)
        {
            return double.NaN;
        }

        var from = times[times.Count / 10];
        var to = times[times.Count * 9 / 10];
        return to <= from ? double.NaN : times.Count(t => t >= from && t <= to) / ((to - from) / 1000.0);
    }

    /// <summary>From the committed ready time to the executor's call, per task, sorted (ms).</summary>
    private static List<double> Latencies(FlowBenchEngine engine, IEnumerable<FlowBenchEngine.TaskTimes> tasks) =>
        [.. tasks.Where(t => t.ReadyAt is not null && engine.Calls.TryGet(t.RunId, t.Name, out _))
            .Select(t => engine.Calls.TryGet(t.RunId, t.Name, out var at) ? Math.Max(0, at - t.ReadyAt!.Value) : 0)
            .Order()];

    private static async Task<(double RunsPerSecond, List<double> Latencies)> PacedAsync(FlowBenchEngine engine, BenchmarkContext context, CancellationToken cancellationToken)
    {
        const double perSecond = 20;
        var count = Math.Max(20, (int)(perSecond * (context.Scale >= 1 ? 10 : 5)));
        var ids = new List<long>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            ids.Add(await engine.StartOneAsync(FlowBenchEngine.Diamond, cancellationToken));
        }

        var rate = count / clock.Elapsed.TotalSeconds;
        await engine.WaitFinishedAsync(ids[0], ids[^1], TimeSpan.FromSeconds(60), cancellationToken);
        var (_, tasks) = await engine.ReadAsync(ids[0], ids[^1], cancellationToken);
        return (rate, Latencies(engine, tasks));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
