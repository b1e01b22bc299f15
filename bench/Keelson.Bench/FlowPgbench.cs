using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Keelson.Bench;

/// <summary>
/// The machine's raw PostgreSQL commit rate, the flows benchmark's reference: <c>pgbench -i</c>, then a
/// script of one single-row UPDATE per transaction (each a durable commit on a server with fsync and
/// synchronous_commit on) with 1 and 4 clients, on the server the engine is measured on.
/// </summary>
internal static partial class FlowPgbench
{
    private const string Script = "\\set aid random(1, 100000)\nUPDATE pgbench_accounts SET abalance = abalance + 1 WHERE aid = :aid;\n";

    /// <summary>One pgbench run: its client count, commits per second and mean latency.</summary>
    public sealed record Result(int Clients, double Tps, double LatencyMs);

    /// <summary>The pgbench to use: <c>KEELSON_BENCH_PGBENCH</c> (bench/run sets it), else the newest server's, else the one on PATH.</summary>
    public static string Executable =>
        Environment.GetEnvironmentVariable("KEELSON_BENCH_PGBENCH") is { Length: > 0 } set ? set
        : Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "pgbench")).Where(File.Exists).OrderBy(p => p, StringComparer.Ordinal).LastOrDefault() ?? "pgbench"
            : "pgbench";

    /// <summary>Initializes a database of its own on the server and runs the script for each client count.</summary>
    public static async Task<IReadOnlyList<Result>> RunAsync(string connectionString, string workDirectory, TimeSpan duration, int[] clients, CancellationToken cancellationToken)
    {
        var database = await FlowBenchDatabases.CreatePostgresAsync(connectionString, "pgbench", cancellationToken);
        var target = new NpgsqlConnectionStringBuilder(database);
        var script = Path.Combine(workDirectory, "pgbench-update.sql");
        await File.WriteAllTextAsync(script, Script, cancellationToken);
        await PgbenchAsync(target, ["-i", "-q", "-s", "1"], cancellationToken);
        var results = new List<Result>();
        foreach (var n in clients)
        {
            var output = await PgbenchAsync(target, ["-n", "-c", n.ToString(CultureInfo.InvariantCulture), "-j", n.ToString(CultureInfo.InvariantCulture),
                "-T", ((int)Math.Ceiling(duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture), "-f", script], cancellationToken);
            results.Add(new Result(n, Number(TpsPattern(), output), Number(LatencyPattern(), output)));
        }

        return results;
    }

    private static double Number(Regex pattern, string output) =>
        pattern.Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"pgbench printed no \"{pattern}\"; its output was:\n{output}");

    private static async Task<string> PgbenchAsync(NpgsqlConnectionStringBuilder target, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(target.Database!);
        start.Environment["PGHOST"] = target.Host;
        start.Environment["PGPORT"] = target.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = target.Username;
        if (target.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Executable}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = await stdout + await stderr;
        return process.ExitCode == 0 ? output
            : throw new InvalidOperationException($"{Executable} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{output}");
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex TpsPattern();

    [GeneratedRegex(@"latency average = ([0-9.]+) ms")]
    private static partial Regex LatencyPattern();
}
