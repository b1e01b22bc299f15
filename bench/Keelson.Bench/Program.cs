using System.Globalization;
using Keelson.Bench;

// One command runs the benchmarks and prints one table per benchmark, each with the reference
// measured in the same run:
//   dotnet run -c Release --project bench/Keelson.Bench                 every benchmark
//   dotnet run -c Release --project bench/Keelson.Bench -- decode fleet only these
//   ... -- --scale 0.1                                                  a quick run at a tenth of the sizes
IBenchmark[] all =
[
    new FleetBenchmark(),
    new DecodeBenchmark(),
    new InformerMemoryBenchmark(),
    new SimulatorApiBenchmark(),
    new SimulatorMemoryBenchmark(),
    new SimulatorClusterBenchmark(),
    new FlowsBenchmark(),
];

var scale = 1.0;
var names = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--scale" && i + 1 < args.Length && double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0)
    {
        scale = s;
    }
    else if (args[i] is "--help" or "-h")
    {
        Console.WriteLine("usage: Keelson.Bench [--scale FACTOR] [NAME...]\n");
        foreach (var b in all)
        {
            Console.WriteLine($"  {b.Name,-14} {b.Description}");
        }

        return 0;
    }
    else
    {
        names.Add(args[i]);
    }
}

var unknown = names.Where(n => all.All(b => b.Name != n)).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"unknown benchmark(s): {string.Join(", ", unknown)}; the benchmarks are: {string.Join(", ", all.Select(b => b.Name))}");
    return 2;
}

var work = Directory.CreateTempSubdirectory("keelson-bench-");
var postgres = Environment.GetEnvironmentVariable("KEELSON_BENCH_POSTGRES");
var context = new BenchmarkContext(scale, work.FullName, postgres);
var failed = false;
try
{
    foreach (var benchmark in all.Where(b => names.Count == 0 || names.Contains(b.Name)))
    {
        Console.WriteLine($"\n## {benchmark.Name}: {benchmark.Description}{(scale == 1 ? "" : $" (scale {scale})")}\n");
        var rows = await benchmark.RunAsync(context, CancellationToken.None);
        Table.Print(rows);
        failed |= rows.Any(r => r.Met == false);
    }
}
finally
{
    work.Delete(recursive: true);
}

return failed ? 1 : 0;
