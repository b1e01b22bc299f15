using System.Diagnostics;

namespace Keelson.Bench;

/// <summary>
/// The simulator's memory at rest, measured fast: one cluster of 10,000 nodes and 100,000 pods
/// stored Running at start (the kubelets adopt them) in a child process, given 30 s to settle,
/// then its heap after a full collection and its resident memory. The loop to work on memory
/// with; <c>simulator-api</c> measures the same cluster made by its controllers (minutes).
/// </summary>
internal sealed class SimulatorMemoryBenchmark : IBenchmark
{
    private const string Cluster = "mem";

    public string Name => "simulator-memory";

    public string Description => "simulator memory at rest: 10,000 nodes and 100,000 pods seeded Running, after 30 s of settling";

    public async Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        if (SimulatorProcess.IsChild)
        {
            await SimulatorProcess.ServeAsync();
            return [];
        }

        var nodes = context.Scaled(10_000);
        var pods = context.Scaled(100_000);
        var clock = Stopwatch.StartNew();
        await using var simulator = await SimulatorProcess.StartAsync(context.WorkDirectory, Name, SimulatorScenario.Yaml(Cluster, 1, nodes, pods, seedRunning: true), cancellationToken);
        Console.WriteLine($"  the simulator served {nodes:N0} nodes and {pods:N0} seeded pods after {clock.Elapsed.TotalSeconds:0}s (pid {simulator.ProcessId})");
        await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
        var stats = await simulator.StatsAsync(cancellationToken);
        SimulatorMemory.Print(stats);
        if (Environment.GetEnvironmentVariable("KEELSON_BENCH_SIM_HOLD") is { Length: > 0 } hold)
        {
            // An experiment's knob: keep the child up for a heap inspector to attach.
            Console.WriteLine($"  holding the simulator (pid {simulator.ProcessId}) for {hold} s");
            await Task.Delay(TimeSpan.FromSeconds(double.Parse(hold, System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
        }

        return
        [
            SimulatorClusterBenchmark.Memory($"simulator resident memory: {nodes:N0} nodes, {pods:N0} pods seeded Running, settled", stats.WorkingSet, 1.5, context),
            new("simulator managed heap after full GC (reference: JSON of every stored object)", stats.HeapBytes / 1e9, "GB", Reference: stats.Tables.Values.Sum(t => t.JsonBytes) / 1e9),
        ];
    }
}
