namespace Keelson.Bench;

/// <summary>One benchmark: measures what an issue asks for, and its reference in the same run.</summary>
internal interface IBenchmark
{
    /// <summary>The name used on the command line, e.g. <c>decode</c>.</summary>
    string Name { get; }

    /// <summary>What it measures, one line.</summary>
    string Description { get; }

    /// <summary>Runs and returns the rows of its table.</summary>
    Task<IReadOnlyList<Measurement>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken);
}
