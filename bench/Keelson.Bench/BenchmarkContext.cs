namespace Keelson.Bench;

/// <summary>What every benchmark may use: the scale factor and where to write scratch files.</summary>
/// <param name="Scale">1 = the sizes the issues name; smaller for a quick run (e.g. 0.1).</param>
/// <param name="WorkDirectory">A scratch directory, removed after the run.</param>
/// <param name="PostgresConnectionString">A PostgreSQL server for database benchmarks (null: those rows are skipped).</param>
internal sealed record BenchmarkContext(double Scale, string WorkDirectory, string? PostgresConnectionString)
{
    /// <summary>A size scaled by <see cref="Scale"/>, at least 1.</summary>
    public int Scaled(int size) => Math.Max(1, (int)(size * Scale));
}
